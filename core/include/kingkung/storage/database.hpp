// The database: SOCI over SQLite (embedded default, WAL) or MySQL/MariaDB, behind a small connection
// pool. Heavy SOCI headers stay out of this header; repositories include them in their .cpp files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kingkung/common/secret.hpp"
#include "kingkung/plugin/result.hpp"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace kingkung::storage {

template <class T>
using result = plugin::result<T>;

enum class backend { sqlite, mysql };

// "sqlite3:PATH" (PATH relative to `base_dir` when relative) or "mysql://user:pass@host:port/db".
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

class database {
 public:
  // Opens the pool (pool_size sessions). SQLite gets WAL, foreign keys and a busy timeout.
  static result<std::unique_ptr<database>> open(const database_url& url, unsigned pool_size);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  backend kind() const noexcept;
  std::string describe() const;  // redacted url

  // A pooled session, returned to the pool when the lease is destroyed. Blocks while all are in use.
  class lease {
   public:
    lease(lease&& other) noexcept;
    lease& operator=(lease&&) = delete;
    ~lease();
    soci::session& operator*() const;
    soci::session* operator->() const;

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
