#include "documents/pdf_parser.hpp"

#include <algorithm>

namespace kingkung::documents::detail {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr int max_depth = 64;

bool is_space(char c) {
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}
bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}
bool is_regular(char c) {
  return !is_space(c) && !is_delimiter(c);
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool unsigned_integer(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t)
    if (!is_digit(c)) return false;
  return true;
}
bool number_token(std::string_view t) {
  if (t.empty()) return false;
  std::size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < t.size(); ++i) {
    if (is_digit(t[i])) {
      digits = true;
    } else if (t[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

plugin::error pdf_lexer::fail(std::string what) const {
  return make_error(errc::invalid_argument, what + " at byte " + std::to_string(pos_));
}

void pdf_lexer::skip_space() {
  while (pos_ < s_.size()) {
    if (is_space(s_[pos_])) {
      ++pos_;
    } else if (s_[pos_] == '%') {
      while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

std::string_view pdf_lexer::peek_keyword() {
  skip_space();
  std::size_t end = pos_;
  while (end < s_.size() && is_regular(s_[end])) ++end;
  return s_.substr(pos_, end - pos_);
}

bool pdf_lexer::take_keyword(std::string_view word) {
  if (peek_keyword() != word) return false;
  pos_ += word.size();
  return true;
}

pdf_value pdf_lexer::name_token() {
  ++pos_;  // '/'
  std::size_t start = pos_;
  while (pos_ < s_.size() && is_regular(s_[pos_])) ++pos_;
  return pdf_name{std::string(s_.substr(start, pos_ - start))};
}

plugin::result<pdf_value> pdf_lexer::literal_string() {
  ++pos_;  // '('
  std::string out;
  int nesting = 1;
  while (pos_ < s_.size()) {
    char c = s_[pos_++];
    if (c == '(') {
      ++nesting;
    } else if (c == ')') {
      if (--nesting == 0) return pdf_value(pdf_string{std::move(out)});
    } else if (c == '\\') {
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          continue;
        case 'r':
          out += '\r';
          continue;
        case 't':
          out += '\t';
          continue;
        case 'b':
          out += '\b';
          continue;
        case 'f':
          out += '\f';
          continue;
        case '\r':
          if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
          continue;
        case '\n':
          continue;
        default:
          break;
      }
      if (e >= '0' && e <= '7') {
        int v = e - '0';
        for (int k = 0; k < 2 && pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++k)
          v = v * 8 + (s_[pos_++] - '0');
        out += static_cast<char>(v & 0xff);
        continue;
      }
      out += e;
      continue;
    }
    out += c;
  }
  return fail("a string that never ends");
}

plugin::result<pdf_value> pdf_lexer::hex_string() {
  ++pos_;  // '<'
  std::string out;
  int high = -1;
  while (pos_ < s_.size()) {
    char c = s_[pos_++];
    if (c == '>') {
      if (high >= 0) out += static_cast<char>(high << 4);
      return pdf_value(pdf_string{std::move(out)});
    }
    if (is_space(c)) continue;
    int d = hex_digit(c);
    if (d < 0) return fail("a hex string with the character '" + std::string(1, c) + "'");
    if (high < 0) {
      high = d;
    } else {
      out += static_cast<char>((high << 4) | d);
      high = -1;
    }
  }
  return fail("a hex string that never ends");
}

plugin::result<pdf_value> pdf_lexer::value(int depth) {
  if (depth > max_depth) return fail("objects nested more than " + std::to_string(max_depth) + " deep");
  skip_space();
  if (pos_ >= s_.size()) return fail("the end of the data where a value was expected");
  char c = s_[pos_];
  if (c == '<' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '<') {
    pos_ += 2;
    pdf_dict dict;
    while (true) {
      skip_space();
      if (pos_ + 1 < s_.size() && s_[pos_] == '>' && s_[pos_ + 1] == '>') {
        pos_ += 2;
        return pdf_value(std::move(dict));
      }
      if (pos_ >= s_.size()) return fail("a dictionary that never ends");
      if (s_[pos_] != '/') return fail("a dictionary key that is not a name");
      auto key = name_token();
      auto v = value(depth + 1);
      if (!v) return v.err();
      dict.entries.emplace_back(std::move(key.as<pdf_name>()->text), std::move(*v));
    }
  }
  if (c == '<') return hex_string();
  if (c == '(') return literal_string();
  if (c == '/') return name_token();
  if (c == '[') {
    ++pos_;
    pdf_array arr;
    while (true) {
      skip_space();
      if (pos_ >= s_.size()) return fail("an array that never ends");
      if (s_[pos_] == ']') {
        ++pos_;
        return pdf_value(std::move(arr));
      }
      auto v = value(depth + 1);
      if (!v) return v.err();
      arr.items.push_back(std::move(*v));
    }
  }
  std::string_view word = peek_keyword();
  if (word.empty()) return fail("an unexpected '" + std::string(1, c) + "'");
  if (number_token(word)) {
    pos_ += word.size();
    if (unsigned_integer(word)) {
      std::size_t after = pos_;
      std::string_view gen = peek_keyword();
      if (unsigned_integer(gen)) {
        pos_ += gen.size();
        if (take_keyword("R")) {
          pdf_ref r;
          r.num = pdf_value(pdf_number{std::string(word)}).integer().value_or(0);
          r.gen = pdf_value(pdf_number{std::string(gen)}).integer().value_or(0);
          return pdf_value(r);
        }
      }
      pos_ = after;
    }
    return pdf_value(pdf_number{std::string(word)});
  }
  if (word == "true" || word == "false") {
    pos_ += word.size();
    return pdf_value(word == "true");
  }
  if (word == "null") {
    pos_ += word.size();
    return pdf_value(pdf_null{});
  }
  return fail("the keyword \"" + std::string(word.substr(0, 40)) + "\" where a value was expected");
}

plugin::result<pdf_value> pdf_lexer::operand_or_operator(std::string& op) {
  op.clear();
  skip_space();
  std::string_view word = peek_keyword();
  if (!word.empty() && !number_token(word) && word != "true" && word != "false" && word != "null") {
    op = std::string(word);
    pos_ += word.size();
    return pdf_value(pdf_null{});
  }
  return value();
}

plugin::result<pdf_file> pdf_file::open(std::string_view bytes) {
  pdf_file f;
  f.bytes_ = bytes;
  auto header = bytes.substr(0, 1024).find("%PDF-");
  if (header == std::string_view::npos)
    return make_error(errc::invalid_argument, "not a PDF file: no %PDF- header in the first 1024 bytes");
  std::size_t v = header + 5;
  while (v < bytes.size() && (is_digit(bytes[v]) || bytes[v] == '.')) f.version_ += bytes[v++];
  std::size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  auto at = bytes.rfind("startxref");
  if (at == std::string_view::npos || at < tail)
    return make_error(errc::invalid_argument,
                      "no startxref near the end of the file: it is truncated or not a PDF");
  pdf_lexer lex(bytes, at + 9);
  auto offset = lex.value();
  if (!offset || !offset->integer() || *offset->integer() < 0 ||
      static_cast<std::size_t>(*offset->integer()) >= bytes.size())
    return make_error(errc::invalid_argument, "startxref at byte " + std::to_string(at) +
                                                  " does not give a position inside the file");
  if (auto read = f.read_xref(static_cast<std::size_t>(*offset->integer()), 0); !read) return read.err();
  return f;
}

plugin::result<void> pdf_file::read_xref(std::size_t offset, int depth) {
  if (depth > 32) return make_error(errc::invalid_argument, "more than 32 chained cross-reference tables");
  pdf_lexer lex(bytes_, offset);
  if (!lex.take_keyword("xref")) {
    std::string_view first = lex.peek_keyword();
    if (unsigned_integer(first))
      return make_error(errc::invalid_argument,
                        "the file uses a cross-reference stream (PDF 1.5 compression) at byte " +
                            std::to_string(offset) +
                            "; only files with a classic cross-reference table can be read");
    return make_error(errc::invalid_argument, "no cross-reference table at byte " + std::to_string(offset) +
                                                  " (where startxref points)");
  }
  while (true) {
    if (lex.take_keyword("trailer")) break;
    auto start = lex.value();
    auto count = lex.value();
    if (!start || !count || !start->integer() || !count->integer() || *start->integer() < 0 ||
        *count->integer() < 0 || *count->integer() > 10000000)
      return make_error(errc::invalid_argument,
                        "a broken cross-reference table near byte " + std::to_string(lex.pos()));
    const long first = *start->integer();
    for (long i = 0; i < *count->integer(); ++i) {
      auto where = lex.value();
      auto gen = lex.value();
      std::string_view kind = lex.peek_keyword();
      if (!where || !gen || !where->integer() || (kind != "n" && kind != "f"))
        return make_error(errc::invalid_argument, "a broken cross-reference entry for object " +
                                                      std::to_string(first + i) + " near byte " +
                                                      std::to_string(lex.pos()));
      lex.take_keyword(kind);
      const long num = first + i;
      if (offsets_.count(num) || cache_.count(num)) continue;  // a newer table already said
      if (kind == "n") {
        offsets_[num] = static_cast<std::size_t>(*where->integer());
      } else {
        cache_[num] = pdf_object{pdf_null{}, std::nullopt};  // free: reads as null
      }
    }
  }
  auto trailer = lex.value();
  if (!trailer || !trailer->as<pdf_dict>())
    return make_error(errc::invalid_argument, "the trailer after the cross-reference table at byte " +
                                                  std::to_string(offset) + " is not a dictionary");
  const pdf_dict& t = *trailer->as<pdf_dict>();
  if (t.find("Encrypt"))
    return make_error(errc::invalid_argument, "the file is encrypted; encrypted PDFs cannot be merged");
  if (t.find("XRefStm"))
    return make_error(
        errc::invalid_argument,
        "the file keeps objects in object streams (a hybrid cross-reference, PDF 1.5); only files "
        "with a classic cross-reference table can be read");
  if (depth == 0) trailer_ = t;
  if (const auto* prev = t.find("Prev")) {
    auto p = prev->integer();
    if (!p || *p < 0 || static_cast<std::size_t>(*p) >= bytes_.size() ||
        static_cast<std::size_t>(*p) == offset)
      return make_error(errc::invalid_argument, "the trailer's /Prev does not point inside the file");
    return read_xref(static_cast<std::size_t>(*p), depth + 1);
  }
  return {};
}

plugin::result<pdf_object> pdf_file::object(long num) {
  if (auto it = cache_.find(num); it != cache_.end()) return it->second;
  auto at = offsets_.find(num);
  if (at == offsets_.end())
    return make_error(errc::invalid_argument,
                      "object " + std::to_string(num) + " is not in the cross-reference table");
  if (at->second >= bytes_.size())
    return make_error(errc::invalid_argument,
                      "object " + std::to_string(num) + " is listed past the end of the file");
  pdf_lexer lex(bytes_, at->second);
  auto n = lex.value();
  auto g = lex.value();
  if (!n || !g || n->integer() != num || !lex.take_keyword("obj"))
    return make_error(errc::invalid_argument,
                      "the cross-reference table points object " + std::to_string(num) + " at byte " +
                          std::to_string(at->second) + ", which does not start that object");
  auto v = lex.value();
  if (!v) return make_error(errc::invalid_argument, "object " + std::to_string(num) + ": " + v.err().message);
  pdf_object obj{std::move(*v), std::nullopt};
  if (lex.take_keyword("stream")) {
    const auto* dict = obj.value.as<pdf_dict>();
    if (!dict)
      return make_error(errc::invalid_argument,
                        "object " + std::to_string(num) + ": a stream without a dictionary");
    std::string_view type = dict->find("Type") ? dict->find("Type")->name() : std::string_view{};
    if (type == "ObjStm" || type == "XRef")
      return make_error(errc::invalid_argument, "object " + std::to_string(num) +
                                                    " is an object stream (PDF 1.5 compression); only files "
                                                    "with a classic cross-reference table can be read");
    std::size_t start = lex.pos();
    if (start < bytes_.size() && bytes_[start] == '\r') ++start;
    if (start < bytes_.size() && bytes_[start] == '\n') ++start;
    std::optional<long> length;
    if (const auto* l = dict->find("Length")) {
      if (const auto* r = l->as<pdf_ref>()) {
        if (std::find(loading_.begin(), loading_.end(), r->num) == loading_.end() && loading_.size() < 8) {
          loading_.push_back(num);
          auto lo = object(r->num);
          loading_.pop_back();
          if (lo) length = lo->value.integer();
        }
      } else {
        length = l->integer();
      }
    }
    std::size_t end = std::string_view::npos;
    if (length && *length >= 0 && start + static_cast<std::size_t>(*length) <= bytes_.size()) {
      pdf_lexer after(bytes_, start + static_cast<std::size_t>(*length));
      if (after.take_keyword("endstream")) end = start + static_cast<std::size_t>(*length);
    }
    if (end == std::string_view::npos) {  // a wrong /Length: the data ends before "endstream"
      auto e = bytes_.find("endstream", start);
      if (e == std::string_view::npos)
        return make_error(errc::invalid_argument,
                          "object " + std::to_string(num) + ": a stream without endstream");
      end = e;
      if (end > start && bytes_[end - 1] == '\n') --end;
      if (end > start && bytes_[end - 1] == '\r') --end;
    }
    obj.stream = std::string(bytes_.substr(start, end - start));
  }
  cache_[num] = obj;
  return obj;
}

plugin::result<pdf_value> pdf_file::resolve(const pdf_value& v) {
  if (const auto* r = v.as<pdf_ref>()) {
    auto o = object(r->num);
    if (!o) return o.err();
    return std::move(o->value);
  }
  return v;
}

plugin::result<std::vector<page_ref>> pdf_file::pages() {
  tree_nodes_.clear();
  const auto* root = trailer_.find("Root");
  if (!root || !root->as<pdf_ref>())
    return make_error(errc::invalid_argument, "the trailer has no /Root (document catalog)");
  auto catalog = resolve(*root);
  if (!catalog) return catalog.err();
  const auto* cat = catalog->as<pdf_dict>();
  const pdf_value* pages = cat ? cat->find("Pages") : nullptr;
  if (!pages || !pages->as<pdf_ref>())
    return make_error(errc::invalid_argument, "the document catalog has no /Pages tree");
  std::vector<page_ref> out;
  if (auto w = walk(pages->as<pdf_ref>()->num, pdf_dict{}, out, 0); !w) return w.err();
  if (out.empty()) return make_error(errc::invalid_argument, "the document has no pages");
  return out;
}

plugin::result<void> pdf_file::walk(long num, const pdf_dict& inherited, std::vector<page_ref>& out,
                                    int depth) {
  static constexpr std::string_view inheritable[] = {"Resources", "MediaBox", "CropBox", "Rotate"};
  if (depth > max_depth)
    return make_error(errc::invalid_argument,
                      "the page tree is more than " + std::to_string(max_depth) + " levels deep");
  for (long seen : tree_nodes_)
    if (seen == num)
      return make_error(errc::invalid_argument, "the page tree loops back to object " + std::to_string(num));
  for (const auto& p : out)
    if (p.num == num)
      return make_error(errc::invalid_argument,
                        "page object " + std::to_string(num) + " appears twice in the page tree");
  auto node = object(num);
  if (!node) return node.err();
  const auto* dict = node->value.as<pdf_dict>();
  if (!dict)
    return make_error(errc::invalid_argument,
                      "page tree object " + std::to_string(num) + " is not a dictionary");
  const pdf_value* kids = dict->find("Kids");
  if (dict->find("Type") && dict->find("Type")->name() == "Page") kids = nullptr;
  if (!kids) {
    page_ref p{num, *dict};
    for (auto key : inheritable)
      if (!p.dict.find(key))
        if (const auto* v = inherited.find(key)) p.dict.set(std::string(key), *v);
    out.push_back(std::move(p));
    return {};
  }
  tree_nodes_.push_back(num);
  pdf_dict next = inherited;
  for (auto key : inheritable)
    if (const auto* v = dict->find(key)) next.set(std::string(key), *v);
  auto list = resolve(*kids);
  if (!list) return list.err();
  const auto* arr = list->as<pdf_array>();
  if (!arr)
    return make_error(errc::invalid_argument,
                      "the /Kids of page tree object " + std::to_string(num) + " is not an array");
  for (const auto& kid : arr->items) {
    const auto* r = kid.as<pdf_ref>();
    if (!r)
      return make_error(errc::invalid_argument,
                        "page tree object " + std::to_string(num) + " has a kid that is not a reference");
    if (auto w = walk(r->num, next, out, depth + 1); !w) return w;
  }
  return {};
}

}  // namespace kingkung::documents::detail
