// Internal: the envelope with `data` kept as parsed JSON, so that typed calls decode it without parsing
// twice, and the reader of `data.errors[]`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/tiktok/result.hpp"
#include "tiktok/json_reader.hpp"

namespace kingkung::tiktok::detail {

struct raw_envelope {
  std::int64_t code = 0;
  std::string message;
  std::string request_id;
  json::value data;  // null when absent
};

result<raw_envelope> read_envelope(int http_status, std::string_view body);

// `data.errors[]` of a success answer (absent or null: none). Throws decode_failure.
std::vector<item_error> read_item_errors(const reader& data);

}  // namespace kingkung::tiktok::detail
