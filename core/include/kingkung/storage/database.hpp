// The database: SOCI over SQLite (embedded default, WAL) or MySQL/MariaDB, behind a small connection
// pool. Heavy SOCI headers stay out of this header; repositories include them in their .cpp files.
// Thread safety: acquire(), ping() and the const members may be called from any thread; a lease (and
// its session) is used by one thread at a time. Repositories hold no state of their own, so one
// repository object may serve many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/plugin/result.hpp"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace kingkung::storage {

namespace detail {
class statement_cache;
}

template <class T>
using result = plugin::result<T>;

enum class backend { sqlite, mysql };

std::string_view to_string(backend kind) noexcept;  // "sqlite" | "mysql"

// "sqlite3:PATH" (PATH relative to `base_dir` when relative; "sqlite3::memory:" for a private in-memory
// database) or "mysql://user:pass@host:port/db" (user and password percent-decoded; port 3306 when
// omitted; an IPv6 host in brackets). A parse error names what is wrong and never echoes the password.
struct database_url {
  backend kind = backend::sqlite;
  std::string sqlite_path;
  std::string host;
  unsigned port = 3306;
  std::string user;
  secret password;
  std::string name;
  static result<database_url> parse(std::string_view url, std::string_view base_dir = {});
  std::string redacted() const;          // password shown as [redacted]
  std::string soci_connect_string() const;  // contains the password: never print it
};

// Thrown by database::acquire() when a lost connection cannot be re-established; the message names the
// redacted url and the reason.
class connection_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class database {
 public:
  // Opens the pool (pool_size sessions, 1 to 64; an in-memory SQLite database always gets 1). SQLite
  // sessions get journal_mode=WAL, foreign_keys=ON, busy_timeout=5000 and synchronous=NORMAL, and the
  // database file's folder is created when missing; MySQL sessions use utf8mb4, strict SQL mode, UTC
  // and READ COMMITTED. Errors (errc::unavailable, errc::invalid_argument) name the redacted url.
  static result<std::unique_ptr<database>> open(const database_url& url, unsigned pool_size);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  backend kind() const noexcept;
  std::string describe() const;  // redacted url
  std::size_t pool_size() const noexcept;
  // `text` with every occurrence of the database password replaced by "[redacted]".
  std::string redact(std::string_view text) const;

  // A pooled session, returned to the pool when the lease is destroyed. Blocks while all are in use.
  // A MySQL session whose connection was lost (or that sat idle long enough for the server to drop
  // it) is reconnected first; when that fails, acquire() throws connection_error saying why.
  class lease {
   public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();
    soci::session& operator*() const;
    soci::session* operator->() const;
    // Call after a statement on this session failed: when its connection turns out to be gone, the
    // session is reconnected when it is next acquired, instead of failing again.
    void note_error() noexcept;
    // The statements kept prepared on this session (storage internals; see statement_cache.hpp).
    detail::statement_cache& statements() const;

   private:
    friend class database;
    lease(database& db, std::size_t index);
    database* db_;
    std::size_t index_;
  };
  lease acquire();

  // Cheap round trip for /healthz; an error says what failed (never the password).
  result<void> ping();

  struct impl;

 private:
  explicit database(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::storage
