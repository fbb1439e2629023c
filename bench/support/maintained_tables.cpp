#include "support/maintained_tables.hpp"

#include <stdexcept>

#include "kingkung/storage/database.hpp"
#include "kingkung/storage/order_repository.hpp"

namespace kingkung::bench {

void rebuild_maintained_tables(const std::string& path, const std::string& shop_id) {
  auto url = storage::database_url::parse("sqlite3:" + path);
  if (!url) throw std::runtime_error("bulk load: " + path + ": " + url.err().message);
  auto db = storage::database::open(*url, 1);
  if (!db) throw std::runtime_error("bulk load: " + path + ": " + db.err().message);
  auto rebuilt = storage::order_repository(**db).rebuild_search_data(shop_id);
  if (!rebuilt)
    throw std::runtime_error("bulk load: rebuilding the status counters and search text of shop " + shop_id +
                             ": " + rebuilt.err().message);
}

std::vector<std::string> maintained_table_queries() {
  return {"SELECT shop_id, status, order_count FROM order_status_counters ORDER BY shop_id, status",
          "SELECT o.shop_id, o.id, t.shop_id, t.order_id, t.buyer_email, t.recipient_name"
          " FROM orders o LEFT JOIN order_search_text t ON t.rowid = o.rowid ORDER BY o.shop_id, o.id",
          "SELECT count(*) AS search_rows FROM order_search_text"};
}

}  // namespace kingkung::bench
