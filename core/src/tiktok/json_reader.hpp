// Reading platform JSON with the path of every value at hand, so that a missing field or a wrong type
// is reported as "data.orders[3].id: missing" or "...: expected a decimal string, found number 12.5".
// Internal to core: Boost.JSON stays out of public headers.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/common/decimal.hpp"

namespace kingkung::tiktok::detail {

namespace json = boost::json;

// Thrown by reader; what() is "path: problem". Converted to an invalid_response api_error at the
// edge of every decoding function.
class decode_failure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "number 12.5", "string \"abc\"", "null", "an object", "an array", "true".
std::string describe(const json::value& v);

// Parses JSON text into `storage` (default: the heap); throws decode_failure "<what>: not valid JSON (...)".
json::value parse_json(std::string_view text, std::string_view what, json::storage_ptr storage = {});

class reader;
// The value as JSON text, for keeping (raw_json, data_json). A number beyond a double's range (1e400)
// parses as infinity, which Boost.JSON would write as the non-JSON `Infinity`: such a value is refused
// with decode_failure "<path of the number>: expected a number within a double's range, found ...".
std::string to_json_text(const reader& r);

class reader {
 public:
  reader(const json::value& v, std::string path) : v_(&v), path_(std::move(path)) {}

  const json::value& value() const noexcept { return *v_; }
  const std::string& path() const noexcept { return path_; }
  [[noreturn]] void fail(std::string_view problem) const;
  [[noreturn]] void expected(std::string_view what) const;  // "path: expected <what>, found <describe>"

  const json::object& object() const;
  bool is_null() const noexcept { return v_->is_null(); }

  // Members. Absent and null are the same: "not given".
  reader at(std::string_view key) const;                   // required: "path.key: missing"
  std::optional<reader> find(std::string_view key) const;  // optional
  std::vector<reader> items() const;                       // this value as an array
  std::vector<reader> items(std::string_view key) const;   // optional array member; empty when absent

  // This value converted.
  std::string as_string() const;
  std::string as_id() const;    // string, or a JSON integer through its exact int64/uint64 value
  decimal as_money() const;     // decimal string ("" is zero) or a JSON integer
  std::int64_t as_int() const;  // JSON integer, or a string of digits
  bool as_bool() const;

  // Members converted; the `_or` forms return the fallback when the member is absent or null.
  std::string string_at(std::string_view key) const;
  std::string id_at(std::string_view key) const;
  std::string string_or(std::string_view key, std::string fallback = {}) const;
  std::string id_or(std::string_view key) const;
  decimal money_or(std::string_view key) const;
  std::int64_t int_or(std::string_view key, std::int64_t fallback = 0) const;
  bool bool_or(std::string_view key, bool fallback = false) const;
  std::vector<std::string> strings_or(std::string_view key) const;  // array of strings
  std::vector<std::string> ids_or(std::string_view key) const;      // array of ids

  std::string child_path(std::string_view key) const;
  std::string index_path(std::size_t index) const;

 private:
  // The member's value; nullptr when absent or null. The `_at`/`_or` readers convert a well-typed
  // member straight from it and build the member's path only to report a wrong one.
  const json::value* member(std::string_view key) const;
  reader child(std::string_view key, const json::value& v) const { return reader(v, child_path(key)); }

  const json::value* v_;
  std::string path_;
};

}  // namespace kingkung::tiktok::detail
