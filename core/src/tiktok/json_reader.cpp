#include "tiktok/json_reader.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <limits>
#include <system_error>

#include "json/non_finite.hpp"

namespace kingkung::tiktok::detail {
namespace {

constexpr std::size_t max_shown = 60;

std::string shorten(std::string text) {
  if (text.size() > max_shown) text = text.substr(0, max_shown) + "...";
  return text;
}

}  // namespace

std::string to_json_text(const reader& r) {
  if (auto path = json_detail::find_non_finite_number(r.value(), r.path()))
    reader(r.value(), std::move(*path))
        .fail("expected a number within a double's range, found a number out of range");
  return json::serialize(r.value());
}

std::string describe(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return v.get_bool() ? "true" : "false";
    case json::kind::int64:
    case json::kind::uint64:
      return "number " + json::serialize(v);
    case json::kind::double_: {
      char text[32];
      auto [end, ec] = std::to_chars(text, text + sizeof text, v.get_double());
      return "number " + (ec == std::errc{} ? std::string(text, end) : json::serialize(v));
    }
    case json::kind::string:
      return "string " + shorten(json::serialize(v));
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

json::value parse_json(std::string_view text, std::string_view what, json::storage_ptr storage) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec, std::move(storage));
  if (ec) throw decode_failure(std::string(what) + ": not valid JSON (" + ec.message() + ")");
  return v;
}

void reader::fail(std::string_view problem) const {
  throw decode_failure((path_.empty() ? std::string("(root)") : path_) + ": " + std::string(problem));
}

void reader::expected(std::string_view what) const {
  fail("expected " + std::string(what) + ", found " + describe(*v_));
}

std::string reader::child_path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

std::string reader::index_path(std::size_t index) const {
  return path_ + "[" + std::to_string(index) + "]";
}

const json::object& reader::object() const {
  if (!v_->is_object()) expected("an object");
  return v_->get_object();
}

const json::value* reader::member(std::string_view key) const {
  const auto& obj = object();
  auto it = obj.find(key);
  if (it == obj.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

reader reader::at(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) throw decode_failure(child_path(key) + ": missing");
  return child(key, *v);
}

std::optional<reader> reader::find(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) return std::nullopt;
  return child(key, *v);
}

std::vector<reader> reader::items() const {
  if (!v_->is_array()) expected("an array");
  const auto& arr = v_->get_array();
  std::vector<reader> out;
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) out.emplace_back(arr[i], index_path(i));
  return out;
}

std::vector<reader> reader::items(std::string_view key) const {
  auto found = find(key);
  if (!found) return {};
  return found->items();
}

std::string reader::as_string() const {
  if (!v_->is_string()) expected("a string");
  return std::string(v_->get_string());
}

std::string reader::as_id() const {
  switch (v_->kind()) {
    case json::kind::string:
      return std::string(v_->get_string());
    case json::kind::int64:
      return std::to_string(v_->get_int64());
    case json::kind::uint64:
      return std::to_string(v_->get_uint64());
    default:
      expected("an id (string or integer)");
  }
}

decimal reader::as_money() const {
  if (v_->is_int64()) {
    auto units = v_->get_int64();
    constexpr auto limit = std::numeric_limits<std::int64_t>::max() / decimal::scale;
    if (units > limit || units < -limit) expected("an amount within range");
    return decimal::from_units(units * decimal::scale);
  }
  if (!v_->is_string()) expected("a decimal string");
  std::string_view text = v_->get_string();
  if (text.empty()) return decimal{};
  auto parsed = decimal::parse(text);
  if (!parsed) expected("a decimal string with at most 4 fractional digits");
  return *parsed;
}

std::int64_t reader::as_int() const {
  if (v_->is_int64()) return v_->get_int64();
  if (v_->is_uint64()) {
    if (v_->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      expected("an integer within 64-bit range");
    return static_cast<std::int64_t>(v_->get_uint64());
  }
  if (v_->is_string()) {
    std::string_view text = v_->get_string();
    bool negative = !text.empty() && text.front() == '-';
    std::string_view digits = negative ? text.substr(1) : text;
    if (!digits.empty() && digits.size() <= 18 &&
        digits.find_first_not_of("0123456789") == std::string_view::npos) {
      std::int64_t value = 0;
      for (char c : digits) value = value * 10 + (c - '0');
      return negative ? -value : value;
    }
  }
  expected("an integer");
}

bool reader::as_bool() const {
  if (!v_->is_bool()) expected("true or false");
  return v_->get_bool();
}

std::string reader::string_at(std::string_view key) const {
  const json::value* v = member(key);
  if (v && v->is_string()) return std::string(v->get_string());
  return at(key).as_string();
}

std::string reader::id_at(std::string_view key) const {
  const json::value* v = member(key);
  if (v && v->is_string()) return std::string(v->get_string());
  return at(key).as_id();
}

std::string reader::string_or(std::string_view key, std::string fallback) const {
  const json::value* v = member(key);
  if (!v) return fallback;
  if (v->is_string()) return std::string(v->get_string());
  return child(key, *v).as_string();
}

std::string reader::id_or(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  return child(key, *v).as_id();
}

decimal reader::money_or(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) return {};
  if (v->is_string()) {
    std::string_view text = v->get_string();
    if (text.empty()) return {};
    if (auto parsed = decimal::parse(text)) return *parsed;
  }
  return child(key, *v).as_money();
}

std::int64_t reader::int_or(std::string_view key, std::int64_t fallback) const {
  const json::value* v = member(key);
  if (!v) return fallback;
  if (v->is_int64()) return v->get_int64();
  return child(key, *v).as_int();
}

bool reader::bool_or(std::string_view key, bool fallback) const {
  const json::value* v = member(key);
  if (!v) return fallback;
  if (v->is_bool()) return v->get_bool();
  return child(key, *v).as_bool();
}

std::vector<std::string> reader::strings_or(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) return {};
  if (!v->is_array()) child(key, *v).expected("an array");
  const auto& arr = v->get_array();
  std::vector<std::string> out;
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (arr[i].is_string())
      out.emplace_back(arr[i].get_string());
    else
      out.push_back(reader(arr[i], child(key, *v).index_path(i)).as_string());
  }
  return out;
}

std::vector<std::string> reader::ids_or(std::string_view key) const {
  const json::value* v = member(key);
  if (!v) return {};
  if (!v->is_array()) child(key, *v).expected("an array");
  const auto& arr = v->get_array();
  std::vector<std::string> out;
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (arr[i].is_string())
      out.emplace_back(arr[i].get_string());
    else
      out.push_back(reader(arr[i], child(key, *v).index_path(i)).as_id());
  }
  return out;
}

}  // namespace kingkung::tiktok::detail
