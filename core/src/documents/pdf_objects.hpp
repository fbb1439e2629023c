// The PDF object model shared by the writer, the reader and the merger (ISO 32000-1, section 7.3).
// Numbers keep their text so nothing passes through floating point.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kingkung::documents::detail {

struct pdf_value;

struct pdf_null {};
struct pdf_number {
  std::string text;  // "12", "-3.5"
};
struct pdf_name {
  std::string text;  // without the slash, escapes (#20) kept as written
};
struct pdf_string {
  std::string bytes;  // decoded
};
struct pdf_ref {
  long num = 0;
  long gen = 0;
};
struct pdf_array {
  std::vector<pdf_value> items;
};
struct pdf_dict {
  std::vector<std::pair<std::string, pdf_value>> entries;  // keys without the slash, in file order

  const pdf_value* find(std::string_view key) const;
  pdf_value* find(std::string_view key);
  void set(std::string key, pdf_value value);
  void erase(std::string_view key);
};

struct pdf_value {
  std::variant<pdf_null, bool, pdf_number, pdf_name, pdf_string, pdf_ref, pdf_array, pdf_dict> v;

  pdf_value() = default;
  template <class T>
  pdf_value(T x) : v(std::move(x)) {}  // NOLINT: implicit by design

  template <class T>
  const T* as() const {
    return std::get_if<T>(&v);
  }
  template <class T>
  T* as() {
    return std::get_if<T>(&v);
  }
  // The name's text when this is a name, else empty.
  std::string_view name() const;
  // The number when this is an integer.
  std::optional<long> integer() const;
};

// An indirect object: a value, and the raw bytes of its stream when it has one (value is then the
// stream's dictionary).
struct pdf_object {
  pdf_value value;
  std::optional<std::string> stream;
};

pdf_value number(long n);
pdf_value name(std::string text);

// Serialisation. write_object gives "N 0 obj ... endobj\n"; streams get their /Length set.
void write_value(std::string& out, const pdf_value& v);
void write_object(std::string& out, long num, const pdf_object& obj);

// A whole file from objects numbered 1..n (objects[i] is number i + 1) with a classic cross-reference
// table; `root` is the catalog's number.
std::string write_file(const std::vector<pdf_object>& objects, long root);

}  // namespace kingkung::documents::detail
