#include "kingkung/documents/pdf_writer.hpp"

#include "documents/pdf_objects.hpp"

namespace kingkung::documents {

using namespace detail;

namespace {

// Windows-1252 bytes 0x80..0x9F and the code points they stand for.
constexpr std::pair<unsigned char, char32_t> cp1252_high[] = {
    {0x80, 0x20AC}, {0x82, 0x201A}, {0x83, 0x0192}, {0x84, 0x201E}, {0x85, 0x2026}, {0x86, 0x2020},
    {0x87, 0x2021}, {0x88, 0x02C6}, {0x89, 0x2030}, {0x8A, 0x0160}, {0x8B, 0x2039}, {0x8C, 0x0152},
    {0x8E, 0x017D}, {0x91, 0x2018}, {0x92, 0x2019}, {0x93, 0x201C}, {0x94, 0x201D}, {0x95, 0x2022},
    {0x96, 0x2013}, {0x97, 0x2014}, {0x98, 0x02DC}, {0x99, 0x2122}, {0x9A, 0x0161}, {0x9B, 0x203A},
    {0x9C, 0x0153}, {0x9E, 0x017E}, {0x9F, 0x0178}};

std::string content_of(const page& p) {
  std::string out;
  for (const auto& r : p.rules)
    out += std::to_string(r.width) + " w " + std::to_string(r.x1) + " " + std::to_string(r.y1) + " m " +
           std::to_string(r.x2) + " " + std::to_string(r.y2) + " l S\n";
  for (const auto& t : p.texts) {
    out += "BT /" + std::string(t.bold ? "F2 " : "F1 ") + std::to_string(t.font_size) + " Tf " +
           std::to_string(t.x) + " " + std::to_string(t.y) + " Td ";
    write_value(out, pdf_string{to_win_ansi(t.text)});
    out += " Tj ET\n";
  }
  return out;
}

pdf_value font(const char* base) {
  pdf_dict d;
  d.set("Type", name("Font"));
  d.set("Subtype", name("Type1"));
  d.set("BaseFont", name(base));
  d.set("Encoding", name("WinAnsiEncoding"));
  return d;
}

}  // namespace

std::string to_win_ansi(std::string_view utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0;
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > utf8.size()) {
      out += '?';
      ++i;
      continue;
    }
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool valid = true;
    for (std::size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(utf8[i + k]);
      if ((cc >> 6) != 0x2) valid = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    i += valid ? len : 1;
    if (!valid) {
      out += '?';
      continue;
    }
    if (cp == '\t' || cp == '\n' || cp == '\r') cp = ' ';
    if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
      continue;
    }
    char mapped = '?';
    for (const auto& [byte, code] : cp1252_high)
      if (code == cp) mapped = static_cast<char>(byte);
    out += mapped;
  }
  return out;
}

std::string write_pdf(const std::vector<page>& pages_in) {
  std::vector<page> pages = pages_in;
  if (pages.empty()) pages.emplace_back();
  // 1 catalog, 2 page tree, 3 and 4 fonts, then a page and its content per page.
  std::vector<pdf_object> objects(4);
  pdf_array kids;
  for (const auto& p : pages) {
    const long page_num = static_cast<long>(objects.size()) + 1;
    kids.items.push_back(pdf_ref{page_num, 0});
    pdf_dict fonts;
    fonts.set("F1", pdf_ref{3, 0});
    fonts.set("F2", pdf_ref{4, 0});
    pdf_dict resources;
    resources.set("Font", std::move(fonts));
    pdf_dict d;
    d.set("Type", name("Page"));
    d.set("Parent", pdf_ref{2, 0});
    d.set("MediaBox", pdf_array{{number(0), number(0), number(p.size.width), number(p.size.height)}});
    d.set("Resources", std::move(resources));
    d.set("Contents", pdf_ref{page_num + 1, 0});
    objects.push_back(pdf_object{std::move(d), std::nullopt});
    objects.push_back(pdf_object{pdf_dict{}, content_of(p)});
  }
  pdf_dict catalog;
  catalog.set("Type", name("Catalog"));
  catalog.set("Pages", pdf_ref{2, 0});
  objects[0].value = std::move(catalog);
  pdf_dict tree;
  tree.set("Type", name("Pages"));
  tree.set("Count", number(static_cast<long>(pages.size())));
  tree.set("Kids", std::move(kids));
  objects[1].value = std::move(tree);
  objects[2].value = font("Helvetica");
  objects[3].value = font("Helvetica-Bold");
  return write_file(objects, 1);
}

}  // namespace kingkung::documents
