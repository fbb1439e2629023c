// Reading the API call log a page at a time (the seller's API log page) and in totals (/metrics). The
// rows hold no secret by construction (see api_log_repository.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/storage/api_log_repository.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct api_log_page_request {
  std::int64_t seller_id = 0;  // only calls for this seller's shops
  std::string shop_id;         // empty: every shop of the seller
  std::size_t limit = 50;      // 1..1000
  std::string cursor;          // next_cursor of the previous page; empty for the first
};

struct api_log_page {
  std::vector<api_call_entry> calls;  // newest first
  std::string next_cursor;            // empty on the last page
};

// Calls with one HTTP status and envelope code, over the whole log.
struct api_call_count {
  int http_status = 0;
  std::int64_t code = 0;
  std::int64_t calls = 0;
};

class api_log_reader {
 public:
  explicit api_log_reader(database& db) : db_(db) {}

  // errc::invalid_argument for a limit out of range or a cursor this class did not hand out.
  result<api_log_page> page_by_seller(const api_log_page_request& request);
  // Every (status, code) pair seen, by status then code.
  result<std::vector<api_call_count>> counts_by_code();

 private:
  database& db_;
};

}  // namespace kingkung::storage
