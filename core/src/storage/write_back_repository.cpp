#include "kingkung/storage/write_back_repository.hpp"

#include <soci/soci.h>

#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::size_t max_id = 64;
constexpr std::size_t max_kind = 64;
constexpr std::size_t max_error = 2000;
constexpr std::size_t max_request_id = 128;

constexpr const char* select_columns =
    "SELECT q.id, q.shop_id, q.kind, q.payload, q.status, q.attempts, q.next_attempt_at, q.last_error,"
    " q.created_at, q.updated_at, d.idempotency_key, d.error_code, d.request_id, d.finished_at"
    " FROM write_back_queue q JOIN write_back_details d ON d.item_id = q.id";

struct item_row {
  long long id = 0, next_attempt_at = 0, created_at = 0, updated_at = 0, error_code = 0, finished_at = 0;
  int attempts = 0;
  std::string shop_id, kind, payload, status, last_error, key, request_id;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(shop_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(payload));
    st.exchange(soci::into(status));
    st.exchange(soci::into(attempts));
    st.exchange(soci::into(next_attempt_at));
    st.exchange(soci::into(last_error));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(key));
    st.exchange(soci::into(error_code));
    st.exchange(soci::into(request_id));
    st.exchange(soci::into(finished_at));
  }
  write_back_item to_item() const {
    write_back_item i;
    i.id = id;
    i.shop_id = shop_id;
    i.kind = kind;
    i.payload = payload;
    i.idempotency_key = key;
    i.status = parse_write_back_status(status).value_or(write_back_status::unknown);
    i.attempts = attempts;
    i.next_attempt_at = next_attempt_at;
    i.last_error = last_error;
    i.error_code = error_code;
    i.request_id = request_id;
    i.created_at = created_at;
    i.updated_at = updated_at;
    i.finished_at = finished_at;
    return i;
  }
};

// Runs `select_columns + where` with the given bound values and returns every row.
template <class... Values>
std::vector<write_back_item> query(soci::session& sql, const std::string& where, Values&... values) {
  item_row row;
  soci::statement st(sql);
  row.bind(st);
  (st.exchange(soci::use(values)), ...);
  st.alloc();
  st.prepare(std::string(select_columns) + " " + where);
  st.define_and_bind();
  st.execute();
  std::vector<write_back_item> out;
  while (st.fetch()) out.push_back(row.to_item());
  return out;
}

std::string clip(std::string_view text, std::size_t max) {
  return std::string(text.size() > max ? text.substr(0, max) : text);
}

}  // namespace

std::string_view to_string(write_back_status s) noexcept {
  switch (s) {
    case write_back_status::pending:
      return "pending";
    case write_back_status::in_flight:
      return "in_flight";
    case write_back_status::succeeded:
      return "succeeded";
    case write_back_status::failed:
      return "failed";
    case write_back_status::unknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<write_back_status> parse_write_back_status(std::string_view text) {
  for (auto s : {write_back_status::pending, write_back_status::in_flight, write_back_status::succeeded,
                 write_back_status::failed, write_back_status::unknown})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

result<write_back_repository::enqueued> write_back_repository::enqueue(std::string_view shop_id,
                                                                       std::string_view kind,
                                                                       std::string_view payload,
                                                                       std::string_view idempotency_key,
                                                                       std::int64_t now) {
  constexpr std::string_view op = "write_back.enqueue";
  if (auto p = detail::length_problem("shop id", shop_id, max_id); !p.empty()) return detail::invalid(op, p);
  if (auto p = detail::length_problem("write-back kind", kind, max_kind); !p.empty())
    return detail::invalid(op, p);
  if (auto p = detail::length_problem("idempotency key", idempotency_key, max_key_length); !p.empty())
    return detail::invalid(op, p);
  if (detail::has_control_characters(idempotency_key))
    return detail::invalid(op, "idempotency key must not contain control characters");
  if (payload.size() > max_payload_length)
    return make_error(errc::too_large, std::string(op) + ": payload of " + std::to_string(payload.size()) +
                                           " bytes; at most " + std::to_string(max_payload_length));
  return detail::in_transaction(
      db_, op,
      [&](soci::session& sql) -> result<enqueued> {
        std::string shop(shop_id), k(kind), body(payload), key(idempotency_key);
        auto existing = query(sql, "WHERE d.shop_id = :shop_id AND d.idempotency_key = :key", shop, key);
        if (!existing.empty()) return enqueued{std::move(existing.front()), false};
        int shops = 0;
        sql << "SELECT count(*) FROM shops WHERE id = :id", soci::use(shop), soci::into(shops);
        if (shops == 0) return make_error(errc::not_found, std::string(op) + ": no shop with id " + shop);
        long long at = now;
        sql << "INSERT INTO write_back_queue (shop_id, kind, payload, status, attempts, next_attempt_at,"
               " last_error, created_at, updated_at) VALUES (:shop_id, :kind, :payload, 'pending', 0, :next, "
               "'',"
               " :created, :updated)",
            soci::use(shop), soci::use(k), soci::use(body), soci::use(at), soci::use(at), soci::use(at);
        long long id = 0;
        if (!sql.get_last_insert_id("write_back_queue", id))
          return make_error(errc::internal, std::string(op) + ": the database gave no id for the new item");
        sql << "INSERT INTO write_back_details (item_id, shop_id, idempotency_key) VALUES (:id, :shop_id, "
               ":key)",
            soci::use(id), soci::use(shop), soci::use(key);
        auto made = query(sql, "WHERE q.id = :id", id);
        if (made.empty()) return make_error(errc::internal, std::string(op) + ": the new item vanished");
        return enqueued{std::move(made.front()), true};
      },
      {.attempts = 3, .retry_duplicate_key = true});
}

result<std::optional<write_back_item>> write_back_repository::get(std::int64_t id) {
  return detail::with_session(db_, "write_back.get",
                              [&](soci::session& sql) -> result<std::optional<write_back_item>> {
                                long long key = id;
                                auto rows = query(sql, "WHERE q.id = :id", key);
                                if (rows.empty()) return std::optional<write_back_item>();
                                return std::optional<write_back_item>(std::move(rows.front()));
                              });
}

result<std::optional<write_back_item>> write_back_repository::find(std::string_view shop_id,
                                                                   std::string_view idempotency_key) {
  return detail::with_session(
      db_, "write_back.find", [&](soci::session& sql) -> result<std::optional<write_back_item>> {
        std::string shop(shop_id), key(idempotency_key);
        auto rows = query(sql, "WHERE d.shop_id = :shop_id AND d.idempotency_key = :key", shop, key);
        if (rows.empty()) return std::optional<write_back_item>();
        return std::optional<write_back_item>(std::move(rows.front()));
      });
}

result<std::vector<write_back_item>> write_back_repository::list(std::string_view shop_id,
                                                                 std::size_t limit) {
  if (limit == 0 || limit > 500) return detail::invalid("write_back.list", "limit must be 1 to 500");
  return detail::with_session(
      db_, "write_back.list", [&](soci::session& sql) -> result<std::vector<write_back_item>> {
        std::string shop(shop_id);
        return query(sql, "WHERE q.shop_id = :shop_id ORDER BY q.id DESC LIMIT " + std::to_string(limit),
                     shop);
      });
}

result<std::vector<write_back_item>> write_back_repository::due(std::string_view shop_id, std::int64_t now,
                                                                std::size_t limit) {
  if (limit == 0 || limit > 500) return detail::invalid("write_back.due", "limit must be 1 to 500");
  return detail::with_session(db_, "write_back.due",
                              [&](soci::session& sql) -> result<std::vector<write_back_item>> {
                                std::string shop(shop_id);
                                long long at = now;
                                return query(sql,
                                             "WHERE q.shop_id = :shop_id AND q.status IN ('pending', "
                                             "'in_flight') AND q.next_attempt_at <= :now"
                                             " ORDER BY q.id LIMIT " +
                                                 std::to_string(limit),
                                             shop, at);
                              });
}

result<bool> write_back_repository::claim(std::int64_t id, std::int64_t now) {
  return detail::with_session(db_, "write_back.claim", [&](soci::session& sql) -> result<bool> {
    long long key = id, at = now;
    soci::statement st =
        (sql.prepare << "UPDATE write_back_queue SET status = 'in_flight', attempts = attempts + 1,"
                        " updated_at = :now WHERE id = :id AND status IN ('pending', 'in_flight')",
         soci::use(at), soci::use(key));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

result<void> write_back_repository::finish(std::int64_t id, const write_back_result& outcome,
                                           std::int64_t now) {
  return detail::in_transaction(db_, "write_back.finish", [&](soci::session& sql) -> result<void> {
    long long key = id, at = now, next = outcome.next_attempt_at, code = outcome.error_code;
    long long finished =
        outcome.status == write_back_status::pending || outcome.status == write_back_status::in_flight ? 0
                                                                                                       : now;
    std::string status(to_string(outcome.status)), error = db_.redact(clip(outcome.error, max_error)),
                                                   request = clip(outcome.request_id, max_request_id);
    sql << "UPDATE write_back_queue SET status = :status, next_attempt_at = :next, last_error = :error,"
           " updated_at = :now WHERE id = :id",
        soci::use(status), soci::use(next), soci::use(error), soci::use(at), soci::use(key);
    sql << "UPDATE write_back_details SET error_code = :code, request_id = :request, finished_at = :finished"
           " WHERE item_id = :id",
        soci::use(code), soci::use(request), soci::use(finished), soci::use(key);
    return {};
  });
}

result<write_back_counts> write_back_repository::counts(std::string_view shop_id) {
  return detail::with_session(db_, "write_back.counts", [&](soci::session& sql) -> result<write_back_counts> {
    write_back_counts c;
    std::string shop(shop_id), status;
    long long n = 0;
    soci::statement st =
        (sql.prepare << "SELECT status, count(*) FROM write_back_queue WHERE shop_id = :shop_id"
                        " GROUP BY status",
         soci::into(status), soci::into(n), soci::use(shop));
    st.execute();
    while (st.fetch()) {
      auto s = parse_write_back_status(status);
      if (!s) continue;
      switch (*s) {
        case write_back_status::pending:
        case write_back_status::in_flight:
          c.pending += n;
          break;
        case write_back_status::failed:
          c.failed += n;
          break;
        case write_back_status::unknown:
          c.unknown += n;
          break;
        case write_back_status::succeeded:
          c.succeeded += n;
          break;
      }
    }
    return c;
  });
}

}  // namespace kingkung::storage
