#include "kingkung/documents/packing_slip.hpp"

#include <map>

namespace kingkung::documents {

namespace {

constexpr int margin = 40;
constexpr int bottom = 60;
constexpr int line_height = 14;

// At most `n` characters (code points) of UTF-8 text, with "..." when cut.
std::string clip(const std::string& text, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count++ == n) return text.substr(0, i) + "...";
  }
  return text;
}

class layout {
 public:
  explicit layout(std::string title) : title_(std::move(title)) { new_page(); }

  void text(int x, const std::string& s, int size = 10, bool bold = false) {
    pages_.back().texts.push_back({x, y_, size, bold, s});
  }
  void next_line(int gap = line_height) {
    y_ -= gap;
    if (y_ < bottom) {
      new_page();
      text(margin, title_ + " (continued)", 9);
      next_line();
    }
  }
  void rule() { pages_.back().rules.push_back({margin, y_ + 10, a4.width - margin, y_ + 10, 1}); }
  std::vector<page> take() { return std::move(pages_); }

 private:
  void new_page() {
    pages_.push_back(page{a4, {}, {}});
    y_ = a4.height - margin - 10;
  }

  std::string title_;
  std::vector<page> pages_;
  int y_ = 0;
};

std::string address_of(const domain::address& a) {
  if (!a.full_address.empty()) return a.full_address;
  std::string out;
  for (const auto* part : {&a.address_line1, &a.address_line2, &a.address_line3, &a.address_line4,
                           &a.address_detail, &a.postal_code}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ", ";
    out += *part;
  }
  return out;
}

}  // namespace

std::vector<page> render_packing_slip(const packing_slip& slip) {
  std::string title =
      "Packing slip" + (slip.package_id.empty() ? std::string() : " - package " + slip.package_id);
  layout l(title);
  l.text(margin, "Packing slip", 18, true);
  l.next_line(22);
  if (!slip.shop_name.empty()) {
    l.text(margin, slip.shop_name, 11);
    l.next_line();
  }
  if (!slip.package_id.empty()) {
    l.text(margin, "Package " + slip.package_id, 10);
    l.next_line();
  }
  if (!slip.tracking_number.empty()) {
    l.text(margin, "Tracking " + slip.tracking_number, 10);
    l.next_line();
  }
  for (const auto& order : slip.orders) {
    l.next_line(8);
    l.text(margin, "Order " + order.id, 12, true);
    l.next_line();
    // The recipient's name and address; never the phone number.
    std::string name = order.recipient.name;
    if (name.empty()) name = (order.recipient.first_name + " " + order.recipient.last_name);
    if (name.find_first_not_of(' ') != std::string::npos) {
      l.text(margin, "Ship to: " + clip(name, 80), 10);
      l.next_line();
    }
    if (auto address = address_of(order.recipient); !address.empty()) {
      l.text(margin + 46, clip(address, 90), 9);
      l.next_line();
    }
    l.next_line(4);
    l.text(margin, "Qty", 9, true);
    l.text(margin + 34, "Item", 9, true);
    l.text(margin + 330, "SKU", 9, true);
    l.text(margin + 420, "Seller SKU", 9, true);
    l.rule();
    l.next_line();
    // One line item per unit on the platform: units of one SKU are counted together.
    struct row {
      std::string product, sku_name, sku_id, seller_sku;
      int quantity = 0;
    };
    std::vector<row> rows;
    std::map<std::string, std::size_t> by_sku;
    for (const auto& line : order.lines) {
      if (!slip.package_id.empty() && !line.package_id.empty() && line.package_id != slip.package_id)
        continue;
      auto [it, fresh] = by_sku.emplace(line.sku_id + "\n" + line.product_name, rows.size());
      if (fresh) rows.push_back({line.product_name, line.sku_name, line.sku_id, line.seller_sku, 0});
      ++rows[it->second].quantity;
    }
    for (const auto& r : rows) {
      l.text(margin, std::to_string(r.quantity), 10);
      l.text(margin + 34, clip(r.product, 52), 10);
      l.text(margin + 330, clip(r.sku_id, 16), 9);
      l.text(margin + 420, clip(r.seller_sku, 20), 9);
      l.next_line();
      if (!r.sku_name.empty()) {
        l.text(margin + 34, clip(r.sku_name, 60), 8);
        l.next_line(12);
      }
    }
  }
  return l.take();
}

}  // namespace kingkung::documents
