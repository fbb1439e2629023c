// kingkung_hostile_ingest_child DATABASE_FILE SHOP_ID FIRST_BATCH LAST_BATCH ORDERS_PER_BATCH
//
// The crash tests' ingest process: writes batches FIRST..LAST of orders through
// storage::order_repository, each batch in one upsert (one transaction), and prints "batch N" on stdout
// only after that upsert returned success. A line on stdout is therefore an acknowledgement: the batch
// was committed. The shop must exist. Exit 0 after the last batch, 1 on an error (said on stderr).
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/order_repository.hpp"

namespace {

using namespace kingkung;

// The orders of batch `batch`: ids "B-I", two lines each, times growing with the batch.
std::vector<domain::order> batch_orders(const std::string& shop, long batch, long count) {
  std::vector<domain::order> out;
  for (long i = 0; i < count; ++i) {
    domain::order o;
    o.shop_id = shop;
    o.id = std::to_string(batch) + "-" + std::to_string(i);
    o.status = domain::order_status::awaiting_shipment;
    o.status_text = std::string(domain::to_string(o.status));
    o.create_time = 1'790'000'000 + batch * 100 + i;
    o.update_time = o.create_time;
    o.pay.currency = "MXN";
    o.pay.sub_total = *decimal::parse("199.90");
    o.pay.total_amount = *decimal::parse("229.90");
    o.pay.shipping_fee = *decimal::parse("30");
    o.recipient.name = "Comprador " + o.id;
    o.raw_json = "{\"id\":\"" + o.id + "\"}";
    for (int l = 1; l <= 2; ++l) {
      domain::line_item line;
      line.id = o.id + "-" + std::to_string(l);
      line.sku_id = "sku-" + std::to_string(l);
      line.product_id = "product-" + std::to_string(l);
      line.product_name = "Producto " + std::to_string(l);
      line.sale_price = *decimal::parse("99.95");
      line.original_price = *decimal::parse("120");
      line.currency = "MXN";
      o.lines.push_back(line);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s DATABASE_FILE SHOP_ID FIRST_BATCH LAST_BATCH ORDERS_PER_BATCH\n", argv[0]);
    return 2;
  }
  const std::string shop = argv[2];
  const long first = std::atol(argv[3]);
  const long last = std::atol(argv[4]);
  const long per_batch = std::atol(argv[5]);
  auto url = storage::database_url::parse(std::string("sqlite3:") + argv[1]);
  if (!url) {
    std::fprintf(stderr, "ingest: %s\n", url.err().message.c_str());
    return 1;
  }
  auto db = storage::database::open(*url, 1);
  if (!db) {
    std::fprintf(stderr, "ingest: %s\n", db.err().message.c_str());
    return 1;
  }
  storage::order_repository orders(**db);
  for (long batch = first; batch <= last; ++batch) {
    auto stored = orders.upsert(batch_orders(shop, batch, per_batch));
    if (!stored) {
      std::fprintf(stderr, "ingest: batch %ld: %s\n", batch, stored.err().message.c_str());
      return 1;
    }
    std::printf("batch %ld\n", batch);
    std::fflush(stdout);
  }
  return 0;
}
