#include "kingkung/storage/package_repository.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_id = 64;

// One packages row as SOCI binds it; the column list is written once for INSERT, UPDATE and SELECT.
struct package_columns {
  std::string status, tracking_number, shipping_provider_name, shipping_provider_id, split_and_combine_tag,
      line_item_ids, shipping_type, delivery_option_id, delivery_option_name, handover_method,
      last_mile_tracking_number, note_tag, raw_json;
  int has_multi_skus = 0;
  long long pickup_slot_start = 0, pickup_slot_end = 0, create_time = 0, update_time = 0;

  template <class F>
  void visit(F&& f) {
    f("status", status);
    f("tracking_number", tracking_number);
    f("shipping_provider_name", shipping_provider_name);
    f("shipping_provider_id", shipping_provider_id);
    f("split_and_combine_tag", split_and_combine_tag);
    f("line_item_ids", line_item_ids);
    f("shipping_type", shipping_type);
    f("delivery_option_id", delivery_option_id);
    f("delivery_option_name", delivery_option_name);
    f("handover_method", handover_method);
    f("last_mile_tracking_number", last_mile_tracking_number);
    f("note_tag", note_tag);
    f("has_multi_skus", has_multi_skus);
    f("pickup_slot_start", pickup_slot_start);
    f("pickup_slot_end", pickup_slot_end);
    f("create_time", create_time);
    f("update_time", update_time);
    f("raw_json", raw_json);
  }

  static package_columns from(const domain::package& p) {
    package_columns c;
    c.status = p.status;
    c.tracking_number = p.tracking_number;
    c.shipping_provider_name = p.shipping_provider_name;
    c.shipping_provider_id = p.shipping_provider_id;
    c.split_and_combine_tag = p.split_and_combine_tag;
    c.line_item_ids = detail::strings_to_column(p.line_item_ids);
    c.shipping_type = p.shipping_type;
    c.delivery_option_id = p.delivery_option_id;
    c.delivery_option_name = p.delivery_option_name;
    c.handover_method = p.handover_method;
    c.last_mile_tracking_number = p.last_mile_tracking_number;
    c.note_tag = p.note_tag;
    c.has_multi_skus = p.has_multi_skus ? 1 : 0;
    c.pickup_slot_start = p.pickup_slot_start;
    c.pickup_slot_end = p.pickup_slot_end;
    c.create_time = p.create_time;
    c.update_time = p.update_time;
    c.raw_json = p.raw_json;
    return c;
  }

  void to(domain::package& p) const {
    p.status = status;
    p.tracking_number = tracking_number;
    p.shipping_provider_name = shipping_provider_name;
    p.shipping_provider_id = shipping_provider_id;
    p.split_and_combine_tag = split_and_combine_tag;
    p.line_item_ids = detail::strings_from_column(line_item_ids, "packages.line_item_ids");
    p.shipping_type = shipping_type;
    p.delivery_option_id = delivery_option_id;
    p.delivery_option_name = delivery_option_name;
    p.handover_method = handover_method;
    p.last_mile_tracking_number = last_mile_tracking_number;
    p.note_tag = note_tag;
    p.has_multi_skus = has_multi_skus != 0;
    p.pickup_slot_start = pickup_slot_start;
    p.pickup_slot_end = pickup_slot_end;
    p.create_time = create_time;
    p.update_time = update_time;
    p.raw_json = raw_json;
  }
};

std::string column_list(bool with_placeholders, bool as_assignments) {
  package_columns c;
  std::string out;
  c.visit([&](const char* name, auto&) {
    if (!out.empty()) out += ", ";
    if (as_assignments)
      out += std::string(name) + " = :" + name;
    else
      out += with_placeholders ? std::string(":") + name : std::string(name);
  });
  return out;
}

}  // namespace

result<catalog_upsert_summary> package_repository::upsert(const std::vector<domain::package>& packages) {
  constexpr std::string_view op = "packages.upsert";
  for (const auto& p : packages) {
    if (auto problem = detail::length_problem("shop id", p.shop_id, max_id); !problem.empty())
      return detail::invalid(op, problem);
    if (auto problem = detail::length_problem("package id", p.id, max_id); !problem.empty())
      return detail::invalid(op, problem);
    for (const auto& order_id : p.order_ids)
      if (auto problem = detail::length_problem("order id of package " + p.id, order_id, max_id);
          !problem.empty())
        return detail::invalid(op, problem);
  }
  return detail::in_transaction(
      db_, op,
      [&](soci::session& sql) -> result<catalog_upsert_summary> {
        catalog_upsert_summary summary;
        for (const auto& p : packages) {
          std::string shop = p.shop_id, id = p.id;
          long long stored_update = 0;
          sql << "SELECT update_time FROM packages WHERE shop_id = :shop_id AND id = :id",
              soci::into(stored_update), soci::use(shop), soci::use(id);
          bool exists = sql.got_data();
          if (exists && stored_update > p.update_time) {
            ++summary.stale;
            continue;
          }
          auto row = package_columns::from(p);
          soci::statement st(sql);
          row.visit([&](const char*, auto& value) { st.exchange(soci::use(value)); });
          st.exchange(soci::use(shop));
          st.exchange(soci::use(id));
          st.alloc();
          if (exists)
            st.prepare("UPDATE packages SET " + column_list(false, true) +
                       " WHERE shop_id = :shop_id AND id = :id");
          else
            st.prepare("INSERT INTO packages (" + column_list(false, false) + ", shop_id, id) VALUES (" +
                       column_list(true, false) + ", :shop_id, :id)");
          st.define_and_bind();
          st.execute(true);
          ++(exists ? summary.updated : summary.inserted);
          sql << "DELETE FROM package_orders WHERE shop_id = :shop_id AND package_id = :package_id",
              soci::use(shop), soci::use(id);
          for (const auto& order : p.order_ids) {
            std::string order_id = order;
            sql << "INSERT INTO package_orders (shop_id, package_id, order_id) VALUES (:shop_id, "
                   ":package_id, :order_id)",
                soci::use(shop), soci::use(id), soci::use(order_id);
          }
        }
        return summary;
      },
      {.attempts = 3, .retry_duplicate_key = true});
}

result<std::optional<domain::package>> package_repository::get(std::string_view shop_id,
                                                               std::string_view package_id) {
  return detail::with_session(
      db_, "packages.get", [&](soci::session& sql) -> result<std::optional<domain::package>> {
        domain::package p;
        p.shop_id = shop_id;
        p.id = package_id;
        package_columns row;
        soci::statement st(sql);
        row.visit([&](const char*, auto& value) { st.exchange(soci::into(value)); });
        st.exchange(soci::use(p.shop_id));
        st.exchange(soci::use(p.id));
        st.alloc();
        st.prepare("SELECT " + column_list(false, false) +
                   " FROM packages WHERE shop_id = :shop_id AND id = :id");
        st.define_and_bind();
        if (!st.execute(true)) return std::optional<domain::package>();
        row.to(p);
        std::string order_id;
        soci::statement orders =
            (sql.prepare << "SELECT order_id FROM package_orders WHERE shop_id = :shop_id AND"
                            " package_id = :package_id ORDER BY order_id",
             soci::into(order_id), soci::use(p.shop_id), soci::use(p.id));
        orders.execute();
        while (orders.fetch()) p.order_ids.push_back(order_id);
        return std::optional<domain::package>(std::move(p));
      });
}

result<std::vector<std::string>> package_repository::ids(std::string_view shop_id) {
  return detail::with_session(
      db_, "packages.ids", [&](soci::session& sql) -> result<std::vector<std::string>> {
        std::string shop(shop_id), id;
        std::vector<std::string> out;
        soci::statement st = (sql.prepare << "SELECT id FROM packages WHERE shop_id = :shop_id ORDER BY id",
                              soci::into(id), soci::use(shop));
        st.execute();
        while (st.fetch()) out.push_back(id);
        return out;
      });
}

result<std::size_t> package_repository::count(std::string_view shop_id) {
  return detail::with_session(db_, "packages.count", [&](soci::session& sql) -> result<std::size_t> {
    std::string shop(shop_id);
    long long n = 0;
    sql << "SELECT count(*) FROM packages WHERE shop_id = :shop_id", soci::into(n), soci::use(shop);
    return static_cast<std::size_t>(n);
  });
}

}  // namespace kingkung::storage
