#include <gtest/gtest.h>

#include "kingkung/documents/packing_slip.hpp"
#include "kingkung/documents/pdf_reader.hpp"

namespace kingkung::documents {
namespace {

domain::line_item line(std::string id, std::string sku, std::string product, std::string package) {
  domain::line_item l;
  l.id = std::move(id);
  l.sku_id = sku;
  l.seller_sku = "SS-" + sku;
  l.product_name = std::move(product);
  l.package_id = std::move(package);
  return l;
}

domain::order order_of(std::vector<domain::line_item> lines) {
  domain::order o;
  o.shop_id = "7495610013482590221";
  o.id = "576000000000000101";
  o.recipient.name = "María Fernández";
  o.recipient.phone_number = "(+52)55*****678";
  o.recipient.full_address = "Av. Reforma 10, Ciudad de México";
  o.lines = std::move(lines);
  return o;
}

std::string all_text(const std::vector<page>& pages) {
  auto info = read_pdf(write_pdf(pages));
  EXPECT_TRUE(info) << info.err().message;
  std::string out;
  if (info)
    for (const auto& p : info->pages) out += p.text + "\n";
  return out;
}

TEST(DocumentsPackingSlip, ListsTheItemsAndTheRecipientNameButNeverThePhone) {
  packing_slip slip{
      "KingKung Demo MX", "1152", "TRK123456", {order_of({line("1", "SKU-A", "Red mug", "1152")})}};
  auto text = all_text(render_packing_slip(slip));
  EXPECT_NE(text.find("Red mug"), std::string::npos);
  EXPECT_NE(text.find("SS-SKU-A"), std::string::npos);
  EXPECT_NE(text.find("María Fernández"), std::string::npos);
  EXPECT_NE(text.find("Order 576000000000000101"), std::string::npos);
  EXPECT_NE(text.find("TRK123456"), std::string::npos);
  EXPECT_EQ(text.find("678"), std::string::npos);
}

TEST(DocumentsPackingSlip, CountsUnitsOfOneSkuTogether) {
  packing_slip slip{
      "",
      "P1",
      "",
      {order_of({line("1", "S1", "Pen", "P1"), line("2", "S1", "Pen", "P1"), line("3", "S1", "Pen", "P1")})}};
  auto pages = render_packing_slip(slip);
  int pens = 0;
  bool quantity_three = false;
  for (const auto& p : pages)
    for (std::size_t i = 0; i < p.texts.size(); ++i) {
      if (p.texts[i].text == "Pen") ++pens;
      if (p.texts[i].text == "3" && i + 1 < p.texts.size() && p.texts[i + 1].text == "Pen")
        quantity_three = true;
    }
  EXPECT_EQ(pens, 1);
  EXPECT_TRUE(quantity_three);
}

TEST(DocumentsPackingSlip, ListsOnlyTheLinesOfItsPackage) {
  packing_slip slip{
      "", "P1", "", {order_of({line("1", "S1", "Kept item", "P1"), line("2", "S2", "Other package", "P2")})}};
  auto text = all_text(render_packing_slip(slip));
  EXPECT_NE(text.find("Kept item"), std::string::npos);
  EXPECT_EQ(text.find("Other package"), std::string::npos);
}

TEST(DocumentsPackingSlip, LongOrdersContinueOnAnotherPage) {
  std::vector<domain::line_item> lines;
  for (int i = 0; i < 80; ++i)
    lines.push_back(line(std::to_string(i), "S" + std::to_string(i), "Item " + std::to_string(i), "P1"));
  auto pages = render_packing_slip({"", "P1", "", {order_of(std::move(lines))}});
  ASSERT_GT(pages.size(), 1u);
  auto text = all_text(pages);
  EXPECT_NE(text.find("Item 0"), std::string::npos);
  EXPECT_NE(text.find("Item 79"), std::string::npos);
  EXPECT_NE(text.find("(continued)"), std::string::npos);
}

}  // namespace
}  // namespace kingkung::documents
