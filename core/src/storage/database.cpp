#include "kingkung/storage/database.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "kingkung/log/log.hpp"
#include "storage/statement_cache.hpp"

namespace kingkung::storage {
namespace {

constexpr unsigned max_pool_size = 64;
// Servers drop idle connections (wait_timeout); a session idle this long is pinged before use.
constexpr auto idle_check_after = std::chrono::seconds(30);

void configure_session(soci::session& sql, const database_url& url) {
  if (url.kind == backend::sqlite) {
    // busy_timeout first: switching to WAL needs a moment of exclusive access.
    sql << "PRAGMA busy_timeout = 5000";
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    if (mode != "wal" && url.sqlite_path != ":memory:")
      throw std::runtime_error("SQLite refused journal_mode=WAL (it reports \"" + mode + "\")");
    sql << "PRAGMA synchronous = NORMAL";
    sql << "PRAGMA foreign_keys = ON";
    return;
  }
  // Strict mode turns silent truncation into errors; times are Unix seconds, but keep the server's
  // session clock in UTC for anything that looks at it.
  sql << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
  sql << "SET SESSION time_zone = '+00:00'";
  sql << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
}

const soci::backend_factory& factory_for(backend kind) {
  if (kind == backend::sqlite) return soci::sqlite3;
  return soci::mysql;
}

std::string exception_text(const std::exception& e) {
  if (auto* s = dynamic_cast<const soci::soci_error*>(&e)) return s->get_error_message();
  return e.what();
}

}  // namespace

struct database::impl {
  database_url url;
  soci::connection_pool pool;
  // Per slot; read and written only by the thread holding that slot's lease.
  std::vector<unsigned char> broken;
  std::vector<std::chrono::steady_clock::time_point> last_used;
  // Declared after the pool: destroyed first, so every kept statement is finalized before its session.
  std::vector<std::unique_ptr<detail::statement_cache>> kept;

  impl(database_url u, std::size_t size)
      : url(std::move(u)), pool(size), broken(size, 0), last_used(size, std::chrono::steady_clock::now()) {
    kept.reserve(size);
    for (std::size_t i = 0; i < size; ++i)
      kept.push_back(std::make_unique<detail::statement_cache>(url.kind == backend::sqlite));
  }

  std::string redact(std::string text) const {
    const std::string& pw = url.password.reveal();
    if (pw.empty()) return text;
    for (auto pos = text.find(pw); pos != std::string::npos; pos = text.find(pw, pos)) {
      text.replace(pos, pw.size(), secret::redacted);
      pos += secret::redacted.size();
    }
    return text;
  }

  void connect(std::size_t slot) {
    soci::session& sql = pool.at(slot);
    kept[slot]->clear();
    if (sql.get_backend() != nullptr)
      sql.reconnect();
    else
      sql.open(factory_for(url.kind), url.soci_connect_string());
    configure_session(sql, url);
    broken[slot] = 0;
  }
};

database::database(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
database::~database() = default;

result<std::unique_ptr<database>> database::open(const database_url& url, unsigned pool_size) {
  if (pool_size == 0 || pool_size > max_pool_size)
    return plugin::make_error(plugin::errc::invalid_argument,
                              "database pool size " + std::to_string(pool_size) +
                                  " is out of range: expected 1 to " + std::to_string(max_pool_size));
  if (url.kind == backend::sqlite && url.sqlite_path == ":memory:")
    pool_size = 1;  // one connection, one database
  if (url.password.size() >= 6) log::add_redaction(url.password.reveal());

  if (url.kind == backend::sqlite && url.sqlite_path != ":memory:") {
    std::filesystem::path folder = std::filesystem::path(url.sqlite_path).parent_path();
    std::error_code ec;
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
      std::filesystem::create_directories(folder, ec);
      if (ec)
        return plugin::make_error(plugin::errc::unavailable, "cannot open database " + url.redacted() +
                                                                 ": cannot create its folder " +
                                                                 folder.string() + ": " + ec.message());
    }
  }

  auto p = std::make_unique<impl>(url, pool_size);
  for (std::size_t i = 0; i < pool_size; ++i) {
    try {
      p->connect(i);
    } catch (const std::exception& e) {
      return plugin::make_error(
          plugin::errc::unavailable,
          p->redact("cannot open database " + url.redacted() + ": " + exception_text(e)));
    }
  }
  return std::unique_ptr<database>(new database(std::move(p)));
}

backend database::kind() const noexcept {
  return impl_->url.kind;
}
std::string database::describe() const {
  return impl_->url.redacted();
}
std::size_t database::pool_size() const noexcept {
  return impl_->broken.size();
}
std::string database::redact(std::string_view text) const {
  return impl_->redact(std::string(text));
}

database::lease database::acquire() {
  std::size_t slot = impl_->pool.lease();
  auto now = std::chrono::steady_clock::now();
  if (impl_->url.kind == backend::mysql && !impl_->broken[slot] &&
      now - impl_->last_used[slot] > idle_check_after && !impl_->pool.at(slot).is_connected())
    impl_->broken[slot] = 1;
  if (impl_->broken[slot]) {
    try {
      impl_->connect(slot);
      log::info("storage", "reconnected to " + describe());
    } catch (const std::exception& e) {
      impl_->pool.give_back(slot);
      throw connection_error(impl_->redact("the connection to " + describe() +
                                           " was lost and reconnecting failed: " + exception_text(e)));
    }
  }
  return lease(*this, slot);
}

result<void> database::ping() {
  try {
    auto l = acquire();
    try {
      int n = 0;
      // On SQLite, reading the schema touches the file; "SELECT 1" would not.
      if (kind() == backend::sqlite)
        *l << "SELECT count(*) FROM sqlite_master", soci::into(n);
      else
        *l << "SELECT 1", soci::into(n);
      return {};
    } catch (...) {
      l.note_error();
      throw;
    }
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::unavailable,
                              redact("database ping failed (" + describe() + "): " + exception_text(e)));
  }
}

database::lease::lease(database& db, std::size_t index) : db_(&db), index_(index) {}

database::lease::lease(lease&& other) noexcept : db_(other.db_), index_(other.index_) {
  other.db_ = nullptr;
}

database::lease::~lease() {
  if (db_ == nullptr) return;
  db_->impl_->last_used[index_] = std::chrono::steady_clock::now();
  db_->impl_->pool.give_back(index_);
}

soci::session& database::lease::operator*() const {
  return db_->impl_->pool.at(index_);
}
soci::session* database::lease::operator->() const {
  return &db_->impl_->pool.at(index_);
}

detail::statement_cache& database::lease::statements() const {
  return *db_->impl_->kept[index_];
}

void database::lease::note_error() noexcept {
  if (db_ == nullptr || db_->impl_->url.kind != backend::mysql) return;
  try {
    if (!db_->impl_->pool.at(index_).is_connected()) db_->impl_->broken[index_] = 1;
  } catch (...) {
    db_->impl_->broken[index_] = 1;
  }
}

}  // namespace kingkung::storage
