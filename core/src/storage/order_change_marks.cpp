#include "storage/order_change_marks.hpp"

#include <algorithm>

namespace kingkung::storage::detail {

void raise_order_marks(soci::session& sql, backend kind, std::vector<std::string> shop_ids) {
  std::sort(shop_ids.begin(), shop_ids.end());
  shop_ids.erase(std::unique(shop_ids.begin(), shop_ids.end()), shop_ids.end());
  if (shop_ids.empty()) return;
  std::string shop_id;
  const std::string text =
      kind == backend::sqlite
          ? "INSERT INTO order_change_marks (shop_id, mark) VALUES (:shop_id, 1)"
            " ON CONFLICT (shop_id) DO UPDATE SET mark = mark + 1"
          : "INSERT INTO order_change_marks (shop_id, mark) VALUES (:shop_id, 1)"
            " ON DUPLICATE KEY UPDATE mark = mark + 1";
  soci::statement st = (sql.prepare << text, soci::use(shop_id));
  for (const auto& id : shop_ids) {
    shop_id = id;
    st.execute(true);
  }
}

}  // namespace kingkung::storage::detail
