#include "storage/column_codec.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <limits>
#include <optional>
#include <stdexcept>

namespace kingkung::storage::detail {

std::string money_to_column(backend kind, decimal value) {
  if (kind == backend::sqlite) return std::to_string(value.units());
  return value.to_string(4);
}

namespace {

// "-123.4500" as ten-thousandths over the whole int64 range (decimal::parse stops short of its ends).
std::optional<std::int64_t> decimal_text_units(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() || fraction.size() > 4) return std::nullopt;
  // Accumulate as a negative number: its range reaches INT64_MIN.
  std::int64_t v = 0;
  auto push = [&](char c) {
    if (c < '0' || c > '9') return false;
    return !__builtin_mul_overflow(v, 10, &v) && !__builtin_sub_overflow(v, c - '0', &v);
  };
  for (char c : whole)
    if (!push(c)) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i)
    if (!push(i < fraction.size() ? fraction[i] : '0')) return std::nullopt;
  if (negative) return v;
  if (v == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
  return -v;
}

}  // namespace

decimal money_from_column(backend kind, std::string_view text, std::string_view column) {
  if (kind == backend::sqlite) {
    std::int64_t units = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), units);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty())
      return decimal::from_units(units);
  } else if (auto units = decimal_text_units(text)) {
    return decimal::from_units(*units);
  }
  throw std::runtime_error("column " + std::string(column) + " holds \"" + std::string(text) +
                           "\", which is not an exact amount");
}

std::string strings_to_column(const std::vector<std::string>& values) {
  boost::json::array a;
  a.reserve(values.size());
  for (const auto& v : values) a.emplace_back(v);
  return boost::json::serialize(a);
}

std::vector<std::string> strings_from_column(std::string_view text, std::string_view column) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  std::vector<std::string> out;
  if (!ec && v.is_array()) {
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) {
        ec = boost::json::make_error_code(boost::json::error::not_string);
        break;
      }
      out.emplace_back(item.as_string().c_str(), item.as_string().size());
    }
    if (!ec) return out;
  }
  throw std::runtime_error("column " + std::string(column) + " does not hold a JSON array of strings");
}

std::string districts_to_column(const std::vector<domain::district>& districts) {
  boost::json::array a;
  a.reserve(districts.size());
  for (const auto& d : districts)
    a.push_back(boost::json::object{{"address_level", d.address_level},
                                    {"address_level_name", d.address_level_name},
                                    {"address_name", d.address_name}});
  return boost::json::serialize(a);
}

std::vector<domain::district> districts_from_column(std::string_view text, std::string_view column) {
  if (text.empty()) return {};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  std::vector<domain::district> out;
  auto field = [](const boost::json::object& o, std::string_view key) -> std::string {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return {};
    return std::string(it->value().as_string().c_str(), it->value().as_string().size());
  };
  if (!ec && v.is_array()) {
    for (const auto& item : v.as_array()) {
      if (!item.is_object())
        throw std::runtime_error("column " + std::string(column) + " holds a district that is not an object");
      const auto& o = item.as_object();
      out.push_back({field(o, "address_level"), field(o, "address_level_name"), field(o, "address_name")});
    }
    return out;
  }
  throw std::runtime_error("column " + std::string(column) + " does not hold a JSON array of districts");
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace kingkung::storage::detail
