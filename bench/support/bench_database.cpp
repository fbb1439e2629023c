#include "support/bench_database.hpp"

#include <soci/soci.h>

#include <stdexcept>

#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/seller_repository.hpp"

namespace kingkung::bench {

std::unique_ptr<storage::database> open_bench_database(const std::string& url, const std::string& shop_id,
                                                       unsigned pool_size) {
  auto parsed = storage::database_url::parse(url);
  if (!parsed) throw std::runtime_error("database url: " + parsed.err().message);
  auto opened = storage::database::open(*parsed, pool_size);
  if (!opened) throw std::runtime_error("database " + parsed->redacted() + ": " + opened.err().message);
  auto db = std::move(opened.value());
  auto migrated = storage::migrate(*db);
  if (!migrated) throw std::runtime_error("migrate " + db->describe() + ": " + migrated.err().message);

  int known = 0;
  *db->acquire() << "SELECT count(*) FROM shops WHERE id = :id", soci::use(shop_id), soci::into(known);
  if (known > 0) return db;
  auto seller = storage::seller_repository(*db).create("Bench seller");
  if (!seller) throw std::runtime_error("seller: " + seller.err().message);
  long long seller_id = seller->id;
  *db->acquire()
      << "INSERT INTO shops (id, seller_id, name, region, seller_type, cipher_sealed, transport, modules,"
         " granted_scopes, state, demo, connected_at, disconnected_at)"
         " VALUES (:id, :seller_id, 'Bench US', 'US', 'LOCAL', '', 'tiktok-sim', '[]', '[]',"
         " 'connected', 0, 1700000000, 0)",
      soci::use(shop_id), soci::use(seller_id);
  return db;
}

long long stored_orders(storage::database& db, const std::string& shop_id) {
  long long n = 0;
  *db.acquire() << "SELECT count(*) FROM orders WHERE shop_id = :id", soci::use(shop_id), soci::into(n);
  return n;
}

}  // namespace kingkung::bench
