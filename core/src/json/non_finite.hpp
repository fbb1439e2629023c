// Numbers that JSON text cannot hold. Boost.JSON parses a number beyond a double's range (1e400) as an
// infinite double and would write it back as `Infinity`, which is not JSON: whoever keeps parsed JSON
// as text (the client's data_json and raw_json, a webhook's data) looks for such a number first.
// Internal to core.
#pragma once

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::json_detail {

// The path of the first non-finite number in `value`, which is found at `root`: members are joined
// with '.' ("data.order_amount", or just the key when `root` is empty) and elements as "[3]". Nullopt
// when every number is finite. Walks the parsed value once; builds a path only for the number found.
std::optional<std::string> find_non_finite_number(const boost::json::value& value, std::string_view root);

}  // namespace kingkung::json_detail
