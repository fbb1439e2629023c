// How a failed statement becomes a plugin::error at the repository boundary. Messages name the operation,
// carry the database's own words (never the bound values, which may be tokens or hashes) and never the
// database password.
#pragma once

#include <exception>
#include <string_view>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage::detail {

struct failure_kind {
  plugin::errc code = plugin::errc::internal;
  bool connection_lost = false;
  bool deadlock = false;       // MySQL deadlock or lock wait timeout: the transaction was rolled back
  bool duplicate_key = false;  // a unique key rejected an insert
};

failure_kind classify(const std::exception& e);

// "<operation>: <what the database said>", with the redacted url when the database is unreachable.
plugin::error database_error(const database& db, std::string_view operation, const std::exception& e);

}  // namespace kingkung::storage::detail
