// What the webhook unit tests share: a migrated private in-memory SQLite database and signed bodies.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>

#include "kingkung/common/secret.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/tiktok/signature.hpp"

namespace kingkung::webhooks_test {

inline constexpr std::string_view app_key = "kk-unit-app";
inline constexpr std::string_view app_secret = "kk-unit-secret-7f3e";

inline std::unique_ptr<storage::database> memory_database() {
  auto url = storage::database_url::parse("sqlite3::memory:");
  EXPECT_TRUE(url.ok());
  auto db = storage::database::open(*url, 1);
  EXPECT_TRUE(db.ok()) << db.err().message;
  auto migrated = storage::migrate(**db);
  EXPECT_TRUE(migrated.ok()) << migrated.err().message;
  return std::move(*db);
}

inline std::string sign(std::string_view body, std::string_view key = app_key,
                        std::string_view secret_text = app_secret) {
  return tiktok::hmac_sha256_hex(secret_text, std::string(key) + std::string(body));
}

inline std::string order_event(std::string_view notification_id, std::string_view shop_id,
                               std::string_view order_id, std::string_view status, long long update_time) {
  return "{\"type\":1,\"tts_notification_id\":\"" + std::string(notification_id) + "\",\"shop_id\":\"" +
         std::string(shop_id) + "\",\"timestamp\":" + std::to_string(update_time) +
         ",\"data\":{\"is_on_hold_order\":false,\"order_id\":\"" + std::string(order_id) +
         "\",\"order_status\":\"" + std::string(status) + "\",\"update_time\":" + std::to_string(update_time) + "}}";
}

inline long long count_rows(storage::database& db, const std::string& table) {
  long long n = 0;
  *db.acquire() << "SELECT COUNT(*) FROM " + table, soci::into(n);
  return n;
}

}  // namespace kingkung::webhooks_test
