// The response envelope every TikTok Shop call answers with:
//   {"code":0,"message":"Success","request_id":"...","data":{...}}
// code 0 is success; otherwise the code, message and HTTP status decide the error class.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/tiktok/result.hpp"

namespace kingkung::tiktok {

struct envelope {
  std::int64_t code = 0;
  std::string message;
  std::string request_id;
  std::string data_json = "null";  // `data` re-serialised; "null" when absent
};

// Reads an envelope. A non-zero code, or an HTTP status that is an error by itself (429, 5xx), gives an
// api_error of the matching class; a body that is not an envelope gives invalid_response (or the
// class of the HTTP status when that status is an error). A `data` holding a number beyond a double's
// range (kept, it would not be JSON text) gives invalid_response naming the number's path.
result<envelope> parse_envelope(int http_status, std::string_view body);

// Per-item failures in a success answer: `data.errors[]` of the given `data` JSON text. Absent or
// null errors give an empty list.
result<std::vector<item_error>> parse_item_errors(std::string_view data_json);

}  // namespace kingkung::tiktok
