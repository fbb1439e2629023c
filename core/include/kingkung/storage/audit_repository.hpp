// The audit log: every seller action, append-only. Detail text is for people and never holds a secret.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct audit_entry {
  std::int64_t id = 0;  // assigned by append()
  std::int64_t seller_id = 0;
  std::int64_t user_id = 0;  // 0: the system or the admin CLI
  std::string action;        // e.g. "user.add", "shop.disconnect"; 1 to 64 characters
  std::string target;        // what it acted on: an email, a shop id, an order id
  std::string detail;
  std::int64_t at = 0;  // Unix seconds; 0 in append() means now
};

class audit_repository {
 public:
  explicit audit_repository(database& db) : db_(db) {}

  result<std::int64_t> append(const audit_entry& entry);  // the new entry's id
  // Newest first; `before_id` (0: from the newest) pages further back. limit 1 to 1000.
  result<std::vector<audit_entry>> list_by_seller(std::int64_t seller_id, std::size_t limit = 100,
                                                  std::int64_t before_id = 0);

 private:
  database& db_;
};

}  // namespace kingkung::storage
