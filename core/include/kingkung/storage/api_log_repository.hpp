// The API call log: one row per call to the TikTok Shop API, shown to sellers and reviewers. It holds
// method, path, status, code and request id only: never a query string, header, body or token.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct api_call_entry {
  std::int64_t id = 0;  // assigned by append()
  std::string shop_id;  // platform shop id; empty for app-level calls (token exchange)
  std::string method;   // GET, POST, PUT, DELETE
  std::string path;     // e.g. /order/202309/orders/search; a query string is cut off
  int http_status = 0;
  std::int64_t code = 0;  // the platform's envelope code (0: success)
  std::string message;    // the platform's message, cut at 1000 characters
  std::string request_id;
  std::int64_t duration_ms = 0;
  std::int64_t at = 0;  // Unix seconds; 0 in append() means now
};

class api_log_repository {
 public:
  explicit api_log_repository(database& db) : db_(db) {}

  result<std::int64_t> append(const api_call_entry& entry);  // the new entry's id
  // Newest first (then highest id); limit 1 to 1000.
  result<std::vector<api_call_entry>> recent_by_shop(std::string_view shop_id, std::size_t limit = 100);
  // Calls for every shop the seller holds.
  result<std::vector<api_call_entry>> recent_by_seller(std::int64_t seller_id, std::size_t limit = 100);

 private:
  database& db_;
};

}  // namespace kingkung::storage
