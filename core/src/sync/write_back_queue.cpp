// The write-back queue: enqueue, and the drain that sends items through the shop's client.
#include <boost/json.hpp>

#include "kingkung/common/decimal.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/sync/write_back.hpp"
#include "kingkung/tiktok/fulfillment.hpp"
#include "kingkung/tiktok/invoices.hpp"
#include "kingkung/tiktok/products.hpp"
#include "sync/system_clock.hpp"

namespace kingkung::sync {
namespace {

namespace json = boost::json;
using storage::write_back_item;
using storage::write_back_result;
using storage::write_back_status;

std::string str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_of(const json::value& v) {
  return v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
}

std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v != nullptr && v->is_array())
    for (const auto& s : v->as_array()) out.emplace_back(s.as_string());
  return out;
}

const json::array& objects(const json::object& o, std::string_view key) {
  return o.at(key).as_array();
}

std::optional<decimal> money(const json::object& o, std::string_view key) {
  if (auto* v = o.if_contains(key); v != nullptr && v->is_string()) return decimal::parse(v->as_string());
  return std::nullopt;
}

// What one attempt came to.
struct attempt {
  std::optional<tiktok::api_error> error;     // the call failed
  std::optional<tiktok::item_error> refused;  // the call succeeded but refused the item
  std::string request_id;
};

attempt from(const tiktok::result<tiktok::write_outcome>& r) {
  attempt a;
  if (!r) {
    a.error = r.err();
    return a;
  }
  a.request_id = r->request_id;
  if (!r->errors.empty()) a.refused = r->errors.front();
  return a;
}

template <class T>
attempt from_value(const tiktok::result<T>& r) {
  attempt a;
  if (!r) {
    a.error = r.err();
    return a;
  }
  a.request_id = r->request_id;
  return a;
}

attempt send(const shop_link& link, write_back_kind kind, const json::object& p) {
  auto& api = *link.api;
  const auto& shop = link.shop;
  switch (kind) {
    case write_back_kind::ship: {
      tiktok::ship_package_request request;
      request.handover_method = str(p, "handover_method");
      if (auto* s = p.if_contains("pickup_slot"))
        request.slot = tiktok::pickup_slot{int_of(s->at("start_time")), int_of(s->at("end_time"))};
      if (auto* s = p.if_contains("self_shipment"))
        request.self_ship = tiktok::self_shipment{str(s->as_object(), "tracking_number"),
                                                  str(s->as_object(), "shipping_provider_id")};
      return from(tiktok::ship_package(api, shop, str(p, "package_id"), request));
    }
    case write_back_kind::split: {
      std::vector<tiktok::splittable_group> groups;
      for (const auto& g : objects(p, "splittable_groups"))
        groups.push_back({str(g.as_object(), "id"), strings(g.as_object(), "order_line_item_ids")});
      return from_value(tiktok::split_order(api, shop, str(p, "order_id"), groups));
    }
    case write_back_kind::combine: {
      std::vector<tiktok::combinable_package> packages;
      for (const auto& c : objects(p, "combinable_packages"))
        packages.push_back({str(c.as_object(), "id"), strings(c.as_object(), "order_ids")});
      auto r = tiktok::combine_packages(api, shop, packages);
      attempt a = from_value(r);
      if (r && !r->errors.empty()) a.refused = r->errors.front();
      return a;
    }
    case write_back_kind::edit: {
      tiktok::partial_edit_request request;
      if (p.contains("title")) request.title = str(p, "title");
      if (p.contains("description")) request.description = str(p, "description");
      request.save_mode = str(p, "save_mode");
      return from_value(tiktok::partial_edit_product(api, shop, str(p, "product_id"), request));
    }
    case write_back_kind::inventory: {
      std::vector<tiktok::inventory_update> skus;
      for (const auto& s : objects(p, "skus")) {
        tiktok::inventory_update u;
        u.sku_id = str(s.as_object(), "id");
        for (const auto& w : objects(s.as_object(), "inventory"))
          u.inventory.push_back({str(w.as_object(), "warehouse_id"), int_of(w.as_object().at("quantity"))});
        skus.push_back(std::move(u));
      }
      return from(tiktok::update_inventory(api, shop, str(p, "product_id"), skus));
    }
    case write_back_kind::price: {
      std::vector<tiktok::price_update> skus;
      for (const auto& s : objects(p, "skus")) {
        const auto& o = s.as_object();
        skus.push_back({str(o, "id"), str(o, "currency"), money(o, "amount"), money(o, "sale_price"),
                        money(o, "list_price")});
      }
      return from(tiktok::update_price(api, shop, str(p, "product_id"), skus));
    }
    case write_back_kind::invoice: {
      std::vector<tiktok::invoice_upload> invoices;
      for (const auto& i : objects(p, "invoices"))
        invoices.push_back({str(i.as_object(), "package_id"), strings(i.as_object(), "order_ids"),
                            str(i.as_object(), "xml")});
      return from(tiktok::upload_invoices(api, shop, invoices));
    }
  }
  return {};
}

std::string refusal_text(const tiktok::item_error& e) {
  return "refused by the platform: code " + std::to_string(e.code) + ": " + e.message;
}

}  // namespace

write_back_queue::write_back_queue(storage::database& db, sync_settings settings,
                                   std::shared_ptr<const plugin::clock> clock)
    : db_(db), settings_(settings), clock_(detail::clock_or_system(std::move(clock))) {}

std::int64_t write_back_queue::now() const {
  return detail::unix_seconds(*clock_);
}

storage::result<write_back_item> write_back_queue::enqueue(std::string_view shop_id, write_back_kind kind,
                                                           std::string_view payload_json,
                                                           std::string_view idempotency_key) {
  if (auto problem = payload_problem(kind, payload_json); !problem.empty())
    return plugin::make_error(plugin::errc::invalid_argument,
                              "write-back " + std::string(to_string(kind)) + ": " + problem);
  auto made = storage::write_back_repository(db_).enqueue(shop_id, to_string(kind), payload_json,
                                                          idempotency_key, now());
  if (!made) return std::move(made).err();
  return std::move(made->item);
}

bool write_back_queue::has_due(std::string_view shop_id) {
  auto due = storage::write_back_repository(db_).due(shop_id, now(), 1);
  return due.ok() && !due->empty();
}

storage::result<std::vector<write_back_item>> write_back_queue::items(std::string_view shop_id,
                                                                      std::size_t limit) {
  return storage::write_back_repository(db_).list(shop_id, limit);
}

drain_report write_back_queue::drain(const shop_link& link, std::size_t max_items) {
  drain_report report;
  storage::write_back_repository repo(db_);
  auto due = repo.due(link.shop.id, now(), std::max<std::size_t>(1, std::min<std::size_t>(max_items, 500)));
  if (!due) {
    report.error = due.err().message;
    return report;
  }
  auto finish = [&](const write_back_item& item, write_back_result outcome) {
    switch (outcome.status) {
      case write_back_status::succeeded:
        ++report.succeeded;
        break;
      case write_back_status::failed:
        ++report.failed;
        break;
      case write_back_status::unknown:
        ++report.unknown;
        break;
      default:
        ++report.retried;
        break;
    }
    if (outcome.status == write_back_status::failed || outcome.status == write_back_status::unknown)
      log::warn("sync", "shop " + item.shop_id + " write-back " + std::to_string(item.id) + " (" + item.kind +
                            "): " + std::string(storage::to_string(outcome.status)) + ": " + outcome.error);
    if (auto ok = repo.finish(item.id, outcome, now()); !ok && report.error.empty())
      report.error = ok.err().message;
  };

  for (const auto& item : *due) {
    auto kind = parse_write_back_kind(item.kind);
    std::string problem =
        kind ? payload_problem(*kind, item.payload) : "unknown write-back kind \"" + item.kind + "\"";
    if (!problem.empty()) {
      finish(item, {write_back_status::failed, 0, problem, 0, {}});
      continue;
    }
    auto payload = json::parse(item.payload).as_object();

    if (item.status == write_back_status::in_flight) {
      // The last attempt may have reached the platform.
      if (*kind == write_back_kind::ship) {
        auto package = tiktok::get_package_detail(*link.api, link.shop, str(payload, "package_id"));
        if (!package) {
          finish(item, {write_back_status::in_flight, now() + write_back_delay(settings_, item.attempts),
                        "the last attempt may have shipped the package; checking it failed: " +
                            package.err().to_string(),
                        package.err().code, package.err().request_id});
          if (package.err().kind == tiktok::error_class::rate_limited) {
            report.throttled = true;
            break;
          }
          continue;
        }
        if (package->status == "FULFILLING" || package->status == "COMPLETED") {
          finish(item, {write_back_status::succeeded, 0, {}, 0, {}});
          continue;
        }
        if (package->status == "CANCELLED") {
          finish(item, {write_back_status::failed, 0, "the package was cancelled", 0, {}});
          continue;
        }
      } else if (!is_idempotent(*kind)) {
        finish(item, {write_back_status::unknown, 0,
                      item.last_error.empty()
                          ? "the worker stopped while sending it; check on the platform before doing it again"
                          : "the platform may have applied it (" + item.last_error +
                                "); check on the platform before doing it again",
                      item.error_code, item.request_id});
        continue;
      }
    }

    auto claimed = repo.claim(item.id, now());
    if (!claimed) {
      report.error = claimed.err().message;
      break;
    }
    if (!*claimed) continue;
    ++report.attempted;
    const int attempts = item.attempts + 1;
    auto a = send(link, *kind, payload);
    if (!a.error && !a.refused) {
      finish(item, {write_back_status::succeeded, 0, {}, 0, a.request_id});
      continue;
    }
    if (a.refused) {
      finish(item, {write_back_status::failed, 0, refusal_text(*a.refused), a.refused->code, a.request_id});
      continue;
    }
    const auto& e = *a.error;
    std::string text = e.to_string();
    const bool out_of_attempts = attempts >= settings_.write_back_max_attempts;
    switch (judge_failure(e)) {
      case failure_verdict::retry:
        if (out_of_attempts)
          finish(item,
                 {write_back_status::failed, 0,
                  "gave up after " + std::to_string(attempts) + " attempts: " + text, e.code, e.request_id});
        else
          finish(item, {write_back_status::pending, now() + write_back_delay(settings_, attempts), text,
                        e.code, e.request_id});
        break;
      case failure_verdict::fail:
        finish(item, {write_back_status::failed, 0, text, e.code, e.request_id});
        break;
      case failure_verdict::outcome_unknown:
        if ((*kind == write_back_kind::ship || is_idempotent(*kind)) && !out_of_attempts)
          finish(item, {write_back_status::in_flight, now() + write_back_delay(settings_, attempts), text,
                        e.code, e.request_id});
        else
          finish(item, {write_back_status::unknown, 0,
                        "the platform may have applied it (" + text +
                            "); check on the platform before doing it again",
                        e.code, e.request_id});
        break;
    }
    if (e.kind == tiktok::error_class::rate_limited) {
      report.throttled = true;  // the shop is throttled: the rest waits for the next drain
      break;
    }
  }
  return report;
}

}  // namespace kingkung::sync
