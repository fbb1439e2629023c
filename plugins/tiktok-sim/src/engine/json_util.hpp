// Small readers over Boost.JSON values that tolerate missing keys and wrong types.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::sim::detail {

namespace json = boost::json;

const json::object* as_object(const json::value& v) noexcept;
const json::array* get_array(const json::object& o, std::string_view key) noexcept;
const json::object* get_object(const json::object& o, std::string_view key) noexcept;
std::optional<std::string> get_string(const json::object& o, std::string_view key);
// Integers only (a JSON number with no fraction); strings are not converted.
std::optional<std::int64_t> get_int(const json::object& o, std::string_view key) noexcept;
std::optional<bool> get_bool(const json::object& o, std::string_view key) noexcept;
// Every element must be a string; otherwise nullopt.
std::optional<std::vector<std::string>> get_strings(const json::object& o, std::string_view key);
bool has(const json::object& o, std::string_view key) noexcept;

json::array to_json_array(const std::vector<std::string>& items);

// Parses text; nullopt when it is not JSON.
std::optional<json::value> parse_json(std::string_view text);

}  // namespace kingkung::sim::detail
