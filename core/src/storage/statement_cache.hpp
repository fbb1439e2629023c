// Statements kept prepared per pooled session. A query that runs on every web request (the session
// lookup, the signed-in user, the seller's shops) or for every synced order is parsed and planned once per
// connection instead of once per call: on SQLite, preparing those statements cost more than running them.
//
// A kept query is a struct Q that owns the variables its statement is bound to and builds the statement
// in its constructor, Q(soci::session&). Use it through with_kept_statements() (session_guard.hpp), and
// hold a kept_statement_use while it runs: it resets the statement when done, so a finished SELECT holds
// no read transaction (on SQLite an unreset statement would keep its snapshot, and the next statements on
// that connection would not see newer commits). The database clears a session's statements when it
// reconnects it. Include only from core/src/storage/*.cpp (it pulls in SOCI).
#pragma once

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <memory>
#include <utility>
#include <vector>

namespace kingkung::storage::detail {

class statement_cache {
 public:
  explicit statement_cache(bool on_sqlite) noexcept : on_sqlite_(on_sqlite) {}
  statement_cache(const statement_cache&) = delete;
  statement_cache& operator=(const statement_cache&) = delete;

  // The session's instance of Q, prepared on first use.
  template <class Q>
  Q& get(soci::session& sql) {
    const void* key = &tag<Q>;
    for (auto& e : entries_)
      if (e.key == key) return static_cast<holder<Q>&>(*e.value).query;
    auto made = std::make_unique<holder<Q>>(sql);
    Q& out = made->query;
    entries_.push_back({key, std::move(made)});
    return out;
  }

  // Finalizes every kept statement (before the session reconnects or closes).
  void clear() noexcept { entries_.clear(); }
  std::size_t size() const noexcept { return entries_.size(); }
  bool on_sqlite() const noexcept { return on_sqlite_; }

 private:
  struct holder_base {
    virtual ~holder_base() = default;
  };
  template <class Q>
  struct holder final : holder_base {
    explicit holder(soci::session& sql) : query(sql) {}
    Q query;
  };
  struct entry {
    const void* key;
    std::unique_ptr<holder_base> value;
  };
  template <class Q>
  static constexpr char tag = 0;

  bool on_sqlite_;
  std::vector<entry> entries_;
};

// Resets a kept statement when the scope ends, however it ends. (MySQL keeps nothing open: SOCI stores
// each result on the client.)
class kept_statement_use {
 public:
  kept_statement_use(const statement_cache& cache, soci::statement& st) noexcept
      : st_(cache.on_sqlite() ? &st : nullptr) {}
  kept_statement_use(const kept_statement_use&) = delete;
  kept_statement_use& operator=(const kept_statement_use&) = delete;
  ~kept_statement_use() {
    if (st_ == nullptr) return;
    auto* sqlite = static_cast<soci::sqlite3_statement_backend*>(st_->get_backend());
    if (sqlite != nullptr && sqlite->stmt_ != nullptr) sqlite_api::sqlite3_reset(sqlite->stmt_);
  }

 private:
  soci::statement* st_;
};

}  // namespace kingkung::storage::detail
