#include "documents/pdf_objects.hpp"

#include <cstdio>

namespace kingkung::documents::detail {

const pdf_value* pdf_dict::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

pdf_value* pdf_dict::find(std::string_view key) {
  for (auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

void pdf_dict::set(std::string key, pdf_value value) {
  if (auto* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  entries.emplace_back(std::move(key), std::move(value));
}

void pdf_dict::erase(std::string_view key) {
  std::erase_if(entries, [&](const auto& e) { return e.first == key; });
}

std::string_view pdf_value::name() const {
  if (const auto* n = as<pdf_name>()) return n->text;
  return {};
}

std::optional<long> pdf_value::integer() const {
  const auto* n = as<pdf_number>();
  if (!n || n->text.empty()) return std::nullopt;
  long value = 0;
  std::size_t i = 0;
  bool negative = false;
  if (n->text[0] == '-' || n->text[0] == '+') {
    negative = n->text[0] == '-';
    i = 1;
  }
  if (i == n->text.size()) return std::nullopt;
  for (; i < n->text.size(); ++i) {
    char c = n->text[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (value > 100000000000L) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

pdf_value number(long n) {
  return pdf_number{std::to_string(n)};
}
pdf_value name(std::string text) {
  return pdf_name{std::move(text)};
}

namespace {

void write_string(std::string& out, const std::string& bytes) {
  out += '(';
  for (unsigned char c : bytes) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += ')';
}

}  // namespace

void write_value(std::string& out, const pdf_value& v) {
  struct visitor {
    std::string& out;
    void operator()(const pdf_null&) const { out += "null"; }
    void operator()(bool b) const { out += b ? "true" : "false"; }
    void operator()(const pdf_number& n) const { out += n.text; }
    void operator()(const pdf_name& n) const { out += "/" + n.text; }
    void operator()(const pdf_string& s) const { write_string(out, s.bytes); }
    void operator()(const pdf_ref& r) const {
      out += std::to_string(r.num) + " " + std::to_string(r.gen) + " R";
    }
    void operator()(const pdf_array& a) const {
      out += '[';
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (i) out += ' ';
        write_value(out, a.items[i]);
      }
      out += ']';
    }
    void operator()(const pdf_dict& d) const {
      out += "<<";
      for (const auto& [k, value] : d.entries) {
        out += "/" + k + " ";
        write_value(out, value);
        out += '\n';
      }
      out += ">>";
    }
  };
  std::visit(visitor{out}, v.v);
}

void write_object(std::string& out, long num, const pdf_object& obj) {
  out += std::to_string(num) + " 0 obj\n";
  if (obj.stream) {
    pdf_dict dict;
    if (const auto* d = obj.value.as<pdf_dict>()) dict = *d;
    dict.set("Length", number(static_cast<long>(obj.stream->size())));
    write_value(out, dict);
    out += "\nstream\n";
    out += *obj.stream;
    out += "\nendstream";
  } else {
    write_value(out, obj.value);
  }
  out += "\nendobj\n";
}

std::string write_file(const std::vector<pdf_object>& objects, long root) {
  // The binary comment line tells transfer tools the file is binary (ISO 32000-1, 7.5.2).
  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  offsets.reserve(objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    write_object(out, static_cast<long>(i + 1), objects[i]);
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto offset : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += line;
  }
  out += "trailer\n<</Size " + std::to_string(objects.size() + 1) + " /Root " + std::to_string(root) +
         " 0 R>>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

}  // namespace kingkung::documents::detail
