#include "kingkung/documents/pdf_reader.hpp"

#include "documents/pdf_parser.hpp"

namespace kingkung::documents {

using namespace detail;

namespace {

// Windows-1252 text (the standard fonts' encoding) as UTF-8; 0x80..0x9F kept as Latin-1 would be.
std::string to_utf8(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

void strings_in(const pdf_value& v, std::string& out) {
  if (const auto* s = v.as<pdf_string>()) out += to_utf8(s->bytes);
  if (const auto* a = v.as<pdf_array>())
    for (const auto& item : a->items) strings_in(item, out);
}

// The shown text of one uncompressed content stream.
void shown_text(std::string_view content, std::string& out) {
  pdf_lexer lex(content);
  std::vector<pdf_value> operands;
  std::string op;
  while (!lex.at_end()) {
    auto v = lex.operand_or_operator(op);
    if (!v) return;  // content this reader does not understand (inline images): keep what was read
    if (op.empty()) {
      operands.push_back(std::move(*v));
      continue;
    }
    if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
      std::string line;
      for (const auto& o : operands) strings_in(o, line);
      if (!out.empty()) out += '\n';
      out += line;
    }
    operands.clear();
  }
}

}  // namespace

plugin::result<pdf_info> read_pdf(std::string_view bytes) {
  auto file = pdf_file::open(bytes);
  if (!file) return file.err();
  auto pages = file->pages();
  if (!pages) return pages.err();
  pdf_info info;
  info.version = file->version();
  for (const auto& p : *pages) {
    pdf_page_info page;
    if (const auto* box = p.dict.find("MediaBox")) {
      auto resolved = file->resolve(*box);
      if (const auto* arr = resolved ? resolved->as<pdf_array>() : nullptr)
        for (const auto& n : arr->items)
          if (const auto* num = n.as<pdf_number>())
            page.media_box += (page.media_box.empty() ? "" : " ") + num->text;
    }
    std::vector<pdf_ref> streams;
    if (const auto* contents = p.dict.find("Contents")) {
      if (const auto* r = contents->as<pdf_ref>()) {
        auto target = file->object(r->num);
        if (!target) return target.err();
        if (const auto* arr = target->value.as<pdf_array>(); arr && !target->stream) {
          for (const auto& item : arr->items)
            if (const auto* ir = item.as<pdf_ref>()) streams.push_back(*ir);
        } else {
          streams.push_back(*r);
        }
      } else if (const auto* arr = contents->as<pdf_array>()) {
        for (const auto& item : arr->items)
          if (const auto* ir = item.as<pdf_ref>()) streams.push_back(*ir);
      }
    }
    for (const auto& r : streams) {
      auto s = file->object(r.num);
      if (!s) return s.err();
      if (!s->stream) continue;
      const auto* d = s->value.as<pdf_dict>();
      if (d && d->find("Filter")) {
        page.text_decoded = false;
        continue;
      }
      shown_text(*s->stream, page.text);
    }
    info.pages.push_back(std::move(page));
  }
  return info;
}

}  // namespace kingkung::documents
