// The SQLite C API with nothing in between, for the benches' physical references and the bulk loader:
// a connection, statements finalized by their owner, and one column value as SQLite returns it.
// Errors throw std::runtime_error naming the statement (its first 80 characters) and SQLite's message.
#pragma once

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace kingkung::bench {

// One column value as read, kept so it can be bound again unchanged (type included).
struct sqlite_value {
  int type = SQLITE_NULL;
  sqlite3_int64 integer = 0;
  double real = 0;
  std::string text;  // TEXT and BLOB bytes
};

inline sqlite_value read_column(sqlite3_stmt* st, int i) {
  sqlite_value v;
  v.type = sqlite3_column_type(st, i);
  if (v.type == SQLITE_INTEGER) v.integer = sqlite3_column_int64(st, i);
  if (v.type == SQLITE_FLOAT) v.real = sqlite3_column_double(st, i);
  if (v.type == SQLITE_TEXT || v.type == SQLITE_BLOB)
    v.text.assign(static_cast<const char*>(sqlite3_column_blob(st, i)),
                  static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
  return v;
}

// Binds `v` at parameter `at` (1-based); the bytes are not copied: `v` must outlive the step.
inline void bind_value(sqlite3_stmt* st, int at, const sqlite_value& v) {
  if (v.type == SQLITE_INTEGER)
    sqlite3_bind_int64(st, at, v.integer);
  else if (v.type == SQLITE_FLOAT)
    sqlite3_bind_double(st, at, v.real);
  else if (v.type == SQLITE_TEXT)
    sqlite3_bind_text(st, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
  else if (v.type == SQLITE_BLOB)
    sqlite3_bind_blob(st, at, v.text.data(), static_cast<int>(v.text.size()), SQLITE_STATIC);
  else
    sqlite3_bind_null(st, at);
}

class sqlite_statement {
 public:
  sqlite_statement() = default;
  explicit sqlite_statement(sqlite3_stmt* st) : st_(st) {}
  sqlite_statement(sqlite_statement&& other) noexcept : st_(std::exchange(other.st_, nullptr)) {}
  sqlite_statement& operator=(sqlite_statement&& other) noexcept {
    std::swap(st_, other.st_);
    return *this;
  }
  ~sqlite_statement() { sqlite3_finalize(st_); }
  sqlite3_stmt* get() const { return st_; }

 private:
  sqlite3_stmt* st_ = nullptr;
};

class sqlite_connection {
 public:
  sqlite_connection(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "cannot open";
      sqlite3_close(db_);
      throw std::runtime_error(path + ": " + why);
    }
    sqlite3_extended_result_codes(db_, 1);
  }
  ~sqlite_connection() { sqlite3_close(db_); }
  sqlite_connection(const sqlite_connection&) = delete;
  sqlite_connection& operator=(const sqlite_connection&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw std::runtime_error(sql.substr(0, 80) + ": " + text);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql.substr(0, 80) + ": " + sqlite3_errmsg(db_));
    return st;
  }
  sqlite_statement statement(const std::string& sql) { return sqlite_statement(prepare(sql)); }
  // The single text value of a query such as "PRAGMA journal_mode = OFF" (empty when it returns no row).
  std::string text_of(const std::string& sql) {
    sqlite_statement st = statement(sql);
    std::string out;
    if (sqlite3_step(st.get()) == SQLITE_ROW && sqlite3_column_text(st.get(), 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    return out;
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace kingkung::bench
