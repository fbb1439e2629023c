#include "api/orders/order_handlers.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <chrono>
#include <charconv>
#include <map>
#include <memory>
#include <cstdio>
#include <variant>

#include "api/api_io.hpp"
#include "api/orders/csv_writer.hpp"
#include "api/orders/order_json.hpp"
#include "api/orders/order_page_cache.hpp"
#include "api/orders/order_page_json.hpp"
#include "api/orders/order_params.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/markets/order_view.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_stats.hpp"
#include "kingkung/storage/package_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web::orders {
namespace {

namespace json = boost::json;

std::string param(const http::request& req, std::string_view name) {
  auto v = req.path_param(name);
  return v ? std::string(*v) : std::string();
}

std::int64_t now_of(web_context& ctx) {
  if (ctx.services) return ctx.services->sync().now();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A core error of the search: a bad cursor is the caller's (400 naming cursor), the rest as usual.
http::response search_error(const plugin::error& e) {
  if (e.code == plugin::errc::invalid_argument && e.message.find("cursor") != std::string::npos)
    return bad_request("invalid_parameter", e.message.substr(e.message.find(": ") + 2), "cursor");
  return error_answer(e);
}

std::string iso_time(std::int64_t t) {
  if (t <= 0) return {};
  std::int64_t s = t % 86400;
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                static_cast<int>(s % 60));
  return storage::utc_date(t) + clock;
}

bool shippable(domain::order_status s) {
  return s == domain::order_status::awaiting_shipment || s == domain::order_status::partially_shipping;
}

// The order's packages: those it lists and those its lines name, stored ones as stored.
std::variant<std::vector<package_view>, http::response> packages_of(web_context& ctx, const domain::order& o) {
  std::vector<std::string> ids = o.package_ids;
  for (const auto& l : o.lines)
    if (!l.package_id.empty() && std::find(ids.begin(), ids.end(), l.package_id) == ids.end())
      ids.push_back(l.package_id);
  storage::package_repository repo(ctx.runtime->database());
  std::vector<package_view> out;
  for (const auto& id : ids) {
    auto stored = repo.get(o.shop_id, id);
    if (!stored) return error_answer(stored.err());
    if (*stored) {
      const auto& p = **stored;
      out.push_back({p.id, p.status, p.tracking_number, p.shipping_provider_name});
      continue;
    }
    package_view v{id, "", "", ""};
    for (const auto& l : o.lines)
      if (l.package_id == id) {
        v.status = l.package_status;
        v.tracking_number = l.tracking_number;
        v.shipping_provider = l.shipping_provider_name;
        break;
      }
    out.push_back(std::move(v));
  }
  return out;
}

json::array action_fields(const std::vector<plugin::action_field>& fields) {
  json::array out;
  for (const auto& f : fields)
    out.push_back(json::object{{"name", f.name}, {"label", f.label}, {"type", f.type}, {"required", f.required}});
  return out;
}

// The modules' actions that apply to the order, the modules that failed to answer, and the ship gate.
void add_module_answers(web_context& ctx, const domain::shop& shop, const domain::order& order, json::object& out) {
  json::array actions, module_errors, reasons, refusals;
  bool allowed = false;
  auto refuse = [&](std::string module, std::string reason) {
    reasons.push_back(json::string(reason));
    refusals.push_back(json::object{{"module", std::move(module)}, {"reason", std::move(reason)}});
  };
  if (ctx.services == nullptr) {
    refuse("host", "Shipping is not available: the platform services are not running on this server.");
  } else {
    auto view = markets::to_order_view(order, shop);
    // The gate first: it may read the module's state for the order, which the actions then reflect.
    if (!shippable(order.status)) {
      refuse("host", "Only orders awaiting shipment can ship; this order is " +
                         std::string(domain::to_string(order.status)) + ".");
    } else if (shop.state != domain::shop_state::connected) {
      refuse("host", "The shop " + shop.name + " is not connected; connect it again to ship its orders.");
    } else if (auto link = ctx.services->links().link_for(shop); !link) {
      refuse("host", "The shop " + shop.name + " cannot be reached right now; try again later.");
    } else {
      auto verdict = ctx.services->markets().check_ship(shop, view, markets::platform_link{*link->api, link->shop});
      allowed = verdict.allowed;
      for (const auto& r : verdict.refusals) refuse(r.module_id, r.reason);
      if (!verdict.allowed && verdict.refusals.empty()) refuse("host", verdict.reason);
    }
    auto listed = ctx.services->markets().actions_for(shop, view);
    for (const auto& a : listed.actions) {
      if (!a.state.applies) continue;
      actions.push_back(json::object{{"id", a.spec.name},
                                     {"module", a.module_id},
                                     {"label", a.spec.label},
                                     {"description", a.spec.description},
                                     {"enabled", a.state.enabled},
                                     {"reason", a.state.reason},
                                     {"bulk", a.spec.bulk},
                                     {"fields", action_fields(a.spec.fields)}});
    }
    for (const auto& f : listed.failures)
      module_errors.push_back(json::object{{"module", f.module_id}, {"message", f.error.message}});
  }
  out["actions"] = std::move(actions);
  out["module_errors"] = std::move(module_errors);
  out["ship"] = json::object{{"allowed", allowed}, {"reasons", std::move(reasons)}, {"refusals", std::move(refusals)}};
}

}  // namespace

http::response list_orders(web_context& ctx, const http::request& req, const caller& who) {
  auto shops = seller_shops_fingerprinted(ctx, who);
  if (auto* bad = std::get_if<http::response>(&shops)) return std::move(*bad);
  const auto& listed = std::get<fingerprinted_shops>(shops);
  auto params = search_params(req, shop_ids_of(listed.shops));
  if (auto* bad = std::get_if<http::response>(&params)) return std::move(*bad);
  auto& request = std::get<storage::order_search_request>(params);

  auto* cache = ctx.order_pages.get();
  const std::string query = cache ? first_page_query(request) : std::string();
  if (!query.empty())
    if (auto body = cache->find(who.seller_id, query, listed.fingerprint)) return json_text_answer(std::move(*body));

  storage::order_search search(ctx.runtime->database());
  auto page = search.find(request);
  if (!page) return search_error(page.err());
  auto counts = search.count_by_status(request.filter);
  if (!counts) return error_answer(counts.err());

  std::string body = page_json(*page, *counts, listed.shops);
  if (!query.empty()) cache->store(who.seller_id, query, listed.fingerprint, body);
  return json_text_answer(std::move(body));
}

http::response get_order(web_context& ctx, const http::request& req, const caller& who) {
  auto shop = owned_shop(ctx, who, param(req, "shop_id"));
  if (!shop) return not_found("the order");
  auto order = storage::order_repository(ctx.runtime->database()).get(shop->id, param(req, "order_id"));
  if (!order) return error_answer(order.err());
  if (!*order) return not_found("the order");
  const auto& o = **order;
  auto packages = packages_of(ctx, o);
  if (auto* bad = std::get_if<http::response>(&packages)) return std::move(*bad);
  auto timeline = storage::order_search(ctx.runtime->database()).timeline(o.shop_id, o.id);
  if (!timeline) return error_answer(timeline.err());
  json::object body{{"order", detail_json(o, *shop, std::get<std::vector<package_view>>(packages), *timeline)}};
  add_module_answers(ctx, *shop, o, body);
  return json_answer(body);
}

http::response export_csv(web_context& ctx, const http::request& req, const caller& who) {
  auto shops = seller_shops(ctx, who);
  if (auto* bad = std::get_if<http::response>(&shops)) return std::move(*bad);
  const auto& shop_map = std::get<orders::shop_map>(shops);
  auto params = search_params(req, shop_ids_of(shop_map));
  if (auto* bad = std::get_if<http::response>(&params)) return std::move(*bad);
  auto request = std::get<storage::order_search_request>(std::move(params));
  request.cursor.clear();
  request.limit = storage::order_search::max_limit;

  storage::order_search search(ctx.runtime->database());
  auto counts = search.count_by_status(request.filter);
  if (!counts) return error_answer(counts.err());
  auto matching = counts->at(request.filter.status ? std::string(domain::to_string(*request.filter.status)) : "all");
  if (matching > max_export_orders)
    return http::response::json_error(413, "too_large",
                                      "the export would hold " + std::to_string(matching) + " orders; at most " +
                                          std::to_string(max_export_orders) +
                                          " fit in one file: narrow the filters (dates, shop or status)");

  csv_writer csv;
  for (const char* h : {"shop_id", "shop_name", "order_id", "status", "created_at", "updated_at", "buyer_user_id",
                        "buyer_name", "currency", "order_total", "line_id", "product_name", "sku_id", "seller_sku",
                        "sku_name", "sale_price", "original_price", "package_id", "tracking_number"})
    csv.text(h);
  csv.end_row();
  while (true) {
    auto page = search.find(request);
    if (!page) return search_error(page.err());
    std::map<std::string, std::vector<std::string>, std::less<>> ids_by_shop;
    for (const auto& s : page->orders) ids_by_shop[s.shop_id].push_back(s.id);
    std::map<std::string, std::map<std::string, std::vector<domain::line_item>, std::less<>>, std::less<>> lines;
    for (const auto& [shop, ids] : ids_by_shop) {
      auto got = search.lines_of(shop, ids);
      if (!got) return error_answer(got.err());
      lines[shop] = std::move(*got);
    }
    for (const auto& s : page->orders) {
      auto row = [&](const domain::line_item* l) {
        csv.text(s.shop_id).text(shop_map.at(s.shop_id).name).text(s.id).text(domain::to_string(s.status));
        csv.number(iso_time(s.create_time)).number(iso_time(s.update_time));
        csv.text(s.buyer_user_id).text(s.buyer_name).text(s.currency).number(money_text(s.total));
        if (l) {
          csv.text(l->id).text(l->product_name).text(l->sku_id).text(l->seller_sku).text(l->sku_name);
          csv.number(money_text(l->sale_price)).number(money_text(l->original_price));
          csv.text(l->package_id).text(l->tracking_number.empty() ? s.tracking_number : l->tracking_number);
        } else {
          for (int i = 0; i < 8; ++i) csv.text("");
          csv.text(s.tracking_number);
        }
        csv.end_row();
      };
      auto found = lines[s.shop_id].find(s.id);
      if (found == lines[s.shop_id].end() || found->second.empty())
        row(nullptr);
      else
        for (const auto& l : found->second) row(&l);
    }
    if (page->next_cursor.empty()) break;
    request.cursor = page->next_cursor;
  }
  auto r = http::response::text(200, csv.take());
  r.content_type = "text/csv; charset=utf-8";
  r.headers.set("Content-Type", "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"orders-" + storage::utc_date(now_of(ctx)) + ".csv\"");
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("X-Content-Type-Options", "nosniff");
  return r;
}

http::response dashboard(web_context& ctx, const http::request& req, const caller& who) {
  auto shops = seller_shops(ctx, who);
  if (auto* bad = std::get_if<http::response>(&shops)) return std::move(*bad);
  const auto& shop_map = std::get<orders::shop_map>(shops);
  int days = 30;
  if (auto text = req.query_param("days"); text && !text->empty()) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
    if (ec != std::errc{} || end != text->data() + text->size() || days < 1 || days > storage::order_stats::max_days)
      return bad_request("invalid_parameter",
                         "days must be a whole number from 1 to " + std::to_string(storage::order_stats::max_days),
                         "days");
  }
  std::vector<const domain::shop*> selected;
  if (auto shop = req.query_param("shop_id"); shop && !shop->empty()) {
    auto it = shop_map.find(*shop);
    if (it == shop_map.end()) return not_found("the shop");
    selected.push_back(&it->second);
  } else {
    for (const auto& [id, s] : shop_map) selected.push_back(&s);
  }
  std::vector<std::string> ids;
  for (const auto* s : selected) ids.push_back(s->id);

  const std::int64_t now = now_of(ctx);
  auto stats = storage::order_stats(ctx.runtime->database()).daily(ids, days, now);
  if (!stats) return error_answer(stats.err());

  json::array day_rows;
  std::int64_t total_orders = 0;
  std::map<std::string, decimal, std::less<>> revenue;
  for (const auto& row : *stats) {
    day_rows.push_back(json::object{{"date", storage::utc_date(row.day_start)},
                                    {"shop_id", row.shop_id},
                                    {"orders", row.orders},
                                    {"revenue", money_text(row.revenue)},
                                    {"currency", row.currency}});
    total_orders += row.orders;
    revenue[row.currency] += row.revenue;
  }
  json::array shop_rows;
  for (const auto* s : selected) {
    json::object entry{{"id", s->id}, {"name", s->name}, {"region", s->region}, {"state", storage::to_string(s->state)}};
    entry["health"] = nullptr;
    if (ctx.services) {
      if (auto h = ctx.services->sync().health(s->id); h)
        entry["health"] = json::object{{"last_success_at", h->last_success},
                                       {"lag_seconds", h->lag_seconds},
                                       {"last_error", h->last_error},
                                       {"consecutive_failures", h->consecutive_failures},
                                       {"orders", h->orders},
                                       {"pending_write_backs", h->pending_write_backs}};
    }
    shop_rows.push_back(std::move(entry));
  }
  json::array revenue_rows;
  for (const auto& [currency, amount] : revenue)
    revenue_rows.push_back(json::object{{"currency", currency}, {"amount", money_text(amount)}});
  const std::int64_t last_day = now - ((now % 86400) + 86400) % 86400;
  json::object body{{"days", std::move(day_rows)},
                    {"shops", std::move(shop_rows)},
                    {"totals", json::object{{"orders", total_orders}, {"revenue", std::move(revenue_rows)}}},
                    {"range", json::object{{"from", storage::utc_date(last_day - (days - 1) * std::int64_t{86400})},
                                           {"to", storage::utc_date(last_day)},
                                           {"days", days}}}};
  return json_answer(body);
}

}  // namespace kingkung::web::orders
