#include "kingkung/storage/webhook_event_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_list = 1000;
constexpr std::size_t max_error_text = 1000;

struct event_columns {
  long long id = 0;
  std::string notification_id;
  int type = 0;
  std::string shop_id;
  std::string raw_body;
  long long received_at = 0;
  long long processed_at = 0;
  std::string status;
  int attempts = 0;
  std::string last_error;

  webhook_event_row to_row() const {
    return {id, notification_id, type, shop_id, raw_body, received_at, processed_at, status, attempts,
            last_error};
  }
};

constexpr const char* select_columns =
    "SELECT id, tts_notification_id, type, shop_id, raw_body, received_at, processed_at, status, attempts,"
    " last_error FROM webhook_events ";

#define KK_WEBHOOK_INTO(c)                                                                              \
  soci::into(c.id), soci::into(c.notification_id), soci::into(c.type), soci::into(c.shop_id),          \
      soci::into(c.raw_body), soci::into(c.received_at), soci::into(c.processed_at), soci::into(c.status), \
      soci::into(c.attempts), soci::into(c.last_error)

std::string cut(std::string_view text) {
  return std::string(text.substr(0, max_error_text));
}

}  // namespace

result<webhook_insert> webhook_event_repository::insert(const webhook_event_row& row) {
  constexpr std::string_view op = "webhook_events.insert";
  if (auto p = detail::length_problem("the notification id", row.notification_id, 64); !p.empty())
    return detail::invalid(op, p);
  if (auto p = detail::length_problem("the shop id", row.shop_id, 64, false); !p.empty())
    return detail::invalid(op, p);
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<webhook_insert> {
    int existing = 0;
    sql << "SELECT COUNT(*) FROM webhook_events WHERE tts_notification_id = :id", soci::into(existing),
        soci::use(row.notification_id);
    if (existing > 0) return webhook_insert::duplicate;
    long long received = row.received_at != 0 ? row.received_at : detail::unix_now();
    int type = row.type;
    std::string status(webhook_pending);
    try {
      sql << "INSERT INTO webhook_events (tts_notification_id, type, shop_id, raw_body, received_at,"
             " processed_at, status, attempts, last_error)"
             " VALUES (:nid, :type, :shop_id, :raw_body, :received_at, 0, :status, 0, '')",
          soci::use(row.notification_id), soci::use(type), soci::use(row.shop_id), soci::use(row.raw_body),
          soci::use(received), soci::use(status);
    } catch (const soci::soci_error& e) {
      // Another delivery of the same notification won the race between the check and the insert.
      if (detail::classify(e).duplicate_key) return webhook_insert::duplicate;
      throw;
    }
    return webhook_insert::stored;
  });
}

result<std::optional<webhook_event_row>> webhook_event_repository::find(std::string_view notification_id) {
  constexpr std::string_view op = "webhook_events.find";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::optional<webhook_event_row>> {
    std::string nid(notification_id);
    event_columns c;
    soci::statement st = (sql.prepare << std::string(select_columns) + "WHERE tts_notification_id = :nid",
                          KK_WEBHOOK_INTO(c), soci::use(nid));
    if (!st.execute(true)) return std::optional<webhook_event_row>{};
    return std::optional<webhook_event_row>{c.to_row()};
  });
}

result<std::vector<webhook_event_row>> webhook_event_repository::pending(std::int64_t after_id,
                                                                         std::size_t limit) {
  constexpr std::string_view op = "webhook_events.pending";
  if (limit == 0 || limit > max_list)
    return detail::invalid(op, "limit must be 1 to " + std::to_string(max_list) + ", got " +
                                   std::to_string(limit));
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::vector<webhook_event_row>> {
    long long after = after_id;
    long long count = static_cast<long long>(limit);
    std::string status(webhook_pending);
    event_columns c;
    soci::statement st =
        (sql.prepare << std::string(select_columns) +
                            "WHERE status = :status AND id > :after_id ORDER BY id LIMIT :count",
         KK_WEBHOOK_INTO(c), soci::use(status), soci::use(after), soci::use(count));
    std::vector<webhook_event_row> out;
    if (st.execute(true)) {
      do {
        out.push_back(c.to_row());
      } while (st.fetch());
    }
    return out;
  });
}

result<void> webhook_event_repository::mark_done(std::int64_t id, std::int64_t at) {
  constexpr std::string_view op = "webhook_events.mark_done";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<void> {
    long long row_id = id;
    long long when = at != 0 ? at : detail::unix_now();
    std::string status(webhook_done);
    sql << "UPDATE webhook_events SET status = :status, processed_at = :at, attempts = attempts + 1"
           " WHERE id = :id",
        soci::use(status), soci::use(when), soci::use(row_id);
    return {};
  });
}

result<void> webhook_event_repository::mark_attempt_failed(std::int64_t id, std::string_view error, bool final,
                                                           int max_attempts, std::int64_t at) {
  constexpr std::string_view op = "webhook_events.mark_attempt_failed";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<void> {
    long long row_id = id;
    long long when = at != 0 ? at : detail::unix_now();
    int limit = final ? 0 : max_attempts;
    std::string text = cut(error);
    std::string failed(webhook_failed);
    std::string pending(webhook_pending);
    // attempts is assigned last: MySQL evaluates SET assignments left to right on the updated row.
    sql << "UPDATE webhook_events SET"
           " status = CASE WHEN attempts + 1 >= :max_attempts THEN :failed ELSE :pending END,"
           " processed_at = CASE WHEN attempts + 1 >= :max_attempts2 THEN :at ELSE processed_at END,"
           " last_error = :error, attempts = attempts + 1 WHERE id = :id",
        soci::use(limit), soci::use(failed), soci::use(pending), soci::use(limit), soci::use(when),
        soci::use(text), soci::use(row_id);
    return {};
  });
}

result<std::size_t> webhook_event_repository::count_by_status(std::string_view status) {
  constexpr std::string_view op = "webhook_events.count_by_status";
  return detail::with_session(db_, op, [&](soci::session& sql) -> result<std::size_t> {
    std::string s(status);
    long long n = 0;
    sql << "SELECT COUNT(*) FROM webhook_events WHERE status = :status", soci::into(n), soci::use(s);
    return static_cast<std::size_t>(n);
  });
}

}  // namespace kingkung::storage
