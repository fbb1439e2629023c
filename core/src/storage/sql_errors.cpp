#include "storage/sql_errors.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

namespace kingkung::storage::detail {
namespace {

// MySQL / MariaDB server error numbers.
constexpr unsigned er_lock_wait_timeout = 1205;
constexpr unsigned er_lock_deadlock = 1213;
constexpr unsigned er_dup_entry = 1062;
constexpr unsigned er_row_is_referenced = 1451;
constexpr unsigned er_no_referenced_row = 1452;
constexpr unsigned er_row_is_referenced_2 = 1217;
constexpr unsigned er_no_referenced_row_2 = 1216;
constexpr unsigned er_check_constraint = 4025;

// SQLite primary result codes.
constexpr int sqlite_busy = 5;
constexpr int sqlite_locked = 6;
constexpr int sqlite_readonly = 8;
constexpr int sqlite_ioerr = 10;
constexpr int sqlite_full = 13;
constexpr int sqlite_cantopen = 14;
constexpr int sqlite_constraint = 19;

bool lost_connection(unsigned code) {
  switch (code) {
    case 1053:  // server shutdown in progress
    case 1927:  // connection was killed
    case 2002:  // cannot connect (socket)
    case 2003:  // cannot connect (TCP)
    case 2005:  // unknown host
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2055:  // lost connection at a handshake step
    case 4031:  // disconnected by the server for inactivity
      return true;
    default:
      return false;
  }
}

std::string message_of(const std::exception& e) {
  // what() of a SOCI error appends the statement and its bound values; keep only the database's words.
  if (auto* s = dynamic_cast<const soci::soci_error*>(&e)) return s->get_error_message();
  return e.what();
}

}  // namespace

failure_kind classify(const std::exception& e) {
  failure_kind k;
  if (auto* m = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    if (m->get_error_category() == soci::soci_error::connection_error || lost_connection(m->err_num_)) {
      k.code = plugin::errc::unavailable;
      k.connection_lost = true;
    } else if (m->err_num_ == er_lock_deadlock || m->err_num_ == er_lock_wait_timeout) {
      k.code = plugin::errc::unavailable;
      k.deadlock = true;
    } else if (m->err_num_ == er_dup_entry) {
      k.code = plugin::errc::failed_precondition;
      k.duplicate_key = true;
    } else if (m->err_num_ == er_row_is_referenced || m->err_num_ == er_no_referenced_row ||
               m->err_num_ == er_row_is_referenced_2 || m->err_num_ == er_no_referenced_row_2 ||
               m->err_num_ == er_check_constraint) {
      k.code = plugin::errc::failed_precondition;
    }
    return k;
  }
  if (auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (s->result() & 0xff) {
      case sqlite_busy:
      case sqlite_locked:
      case sqlite_ioerr:
      case sqlite_full:
      case sqlite_cantopen:
      case sqlite_readonly:
        k.code = plugin::errc::unavailable;
        break;
      case sqlite_constraint:
        k.code = plugin::errc::failed_precondition;
        k.duplicate_key = message_of(e).find("UNIQUE") != std::string::npos ||
                          message_of(e).find("PRIMARY KEY") != std::string::npos;
        break;
      default:
        break;
    }
    return k;
  }
  if (auto* s = dynamic_cast<const soci::soci_error*>(&e)) {
    if (s->get_error_category() == soci::soci_error::connection_error) {
      k.code = plugin::errc::unavailable;
      k.connection_lost = true;
    }
    return k;
  }
  if (dynamic_cast<const connection_error*>(&e) != nullptr) {
    k.code = plugin::errc::unavailable;
    k.connection_lost = true;
  }
  return k;
}

plugin::error database_error(const database& db, std::string_view operation, const std::exception& e) {
  failure_kind k = classify(e);
  std::string text = std::string(operation) + ": ";
  if (k.connection_lost)
    text += "database unavailable (" + db.describe() + "): ";
  else if (k.deadlock)
    text += "the database gave up waiting for a lock (try again): ";
  else
    text += "database error: ";
  text += message_of(e);
  return plugin::make_error(k.code, db.redact(text));
}

}  // namespace kingkung::storage::detail
