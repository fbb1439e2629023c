// The repository boundary: every repository method runs its statements through with_session() or
// in_transaction(), so a SOCI exception never escapes and a lost MySQL connection is noted for
// reconnection. Include only from core/src/storage/*.cpp (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include <exception>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kingkung/storage/database.hpp"
#include "storage/sql_errors.hpp"

namespace kingkung::storage::detail {

// BEGIN IMMEDIATE on SQLite (takes the write lock up front, so two writers wait on busy_timeout
// instead of failing to upgrade a read lock), START TRANSACTION on MySQL. Rolls back unless committed.
class write_transaction {
 public:
  write_transaction(soci::session& sql, backend kind) : sql_(sql) {
    sql_ << (kind == backend::sqlite ? "BEGIN IMMEDIATE" : "START TRANSACTION");
  }
  write_transaction(const write_transaction&) = delete;
  write_transaction& operator=(const write_transaction&) = delete;
  ~write_transaction() {
    if (done_) return;
    try {
      sql_.rollback();
    } catch (...) {  // the connection may be gone; the server rolls back on its own then
    }
  }
  void commit() {
    done_ = true;  // a failed COMMIT leaves nothing to roll back
    sql_.commit();
  }

 private:
  soci::session& sql_;
  bool done_ = false;
};

// Runs body(session) on a pooled session; returns what it returns, or the database error.
template <class F>
auto with_session(database& db, std::string_view operation, F&& body)
    -> std::invoke_result_t<F&, soci::session&> {
  try {
    auto lease = db.acquire();
    try {
      return body(*lease);
    } catch (...) {
      lease.note_error();
      throw;
    }
  } catch (const std::exception& e) {
    return database_error(db, operation, e);
  }
}

// As with_session, for a body that also uses the session's kept statements (statement_cache.hpp):
// body(session, statement_cache&).
template <class F>
auto with_kept_statements(database& db, std::string_view operation, F&& body)
    -> std::invoke_result_t<F&, soci::session&, statement_cache&> {
  try {
    auto lease = db.acquire();
    try {
      return body(*lease, lease.statements());
    } catch (...) {
      lease.note_error();
      throw;
    }
  } catch (const std::exception& e) {
    return database_error(db, operation, e);
  }
}

struct transaction_options {
  int attempts = 3;                  // MySQL deadlocks are retried: the server rolled the work back
  bool retry_duplicate_key = false;  // for check-then-insert upserts racing another writer
};

// Runs body(session) in one write transaction: committed when body returns a value, rolled back when it
// returns an error or throws.
template <class F>
auto in_transaction(database& db, std::string_view operation, F&& body, transaction_options options = {})
    -> std::invoke_result_t<F&, soci::session&> {
  for (int attempt = 1;; ++attempt) {
    try {
      auto lease = db.acquire();
      try {
        write_transaction tx(*lease, db.kind());
        auto outcome = body(*lease);
        if (outcome.ok()) tx.commit();
        return outcome;
      } catch (...) {
        lease.note_error();
        throw;
      }
    } catch (const std::exception& e) {
      failure_kind k = classify(e);
      bool retry = k.deadlock || (options.retry_duplicate_key && k.duplicate_key);
      if (retry && attempt < options.attempts) continue;
      return database_error(db, operation, e);
    }
  }
}

}  // namespace kingkung::storage::detail
