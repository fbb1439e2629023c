// The simulator-only control API under /__sim/ (docs/simulator.md). Not a platform API: no signature,
// no token. Answers use the platform's envelope; a rejected control request has code = HTTP status.
#include <algorithm>
#include <map>
#include <set>

#include "demo_data.hpp"
#include "event_types.hpp"
#include "fulfillment_rules.hpp"
#include "handlers.hpp"
#include "kingkung/sim/signer.hpp"
#include "nfe.hpp"

#include <openssl/rand.h>

namespace kingkung::sim::detail {
namespace {

std::string shop_keys(const sim_core& core) {
  std::string out;
  for (const auto& s : core.cfg.shops) out += (out.empty() ? "" : ", ") + s.key;
  return out;
}

shop_state* shop_from_body(call& c, reply& error) {
  return shop_named(c, "shop", error);
}

int status_rank(std::string_view s) {
  static const std::map<std::string_view, int> ranks = {{"UNPAID", 0},
                                                        {"ON_HOLD", 1},
                                                        {"AWAITING_SHIPMENT", 2},
                                                        {"PARTIALLY_SHIPPING", 3},
                                                        {"AWAITING_COLLECTION", 4},
                                                        {"IN_TRANSIT", 5},
                                                        {"DELIVERED", 6},
                                                        {"COMPLETED", 7}};
  auto it = ranks.find(s);
  return it == ranks.end() ? -1 : it->second;
}

std::string random_code() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  std::string b64 = base64_encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  for (auto& ch : b64) ch = ch == '+' ? '-' : ch == '/' ? '_' : ch;
  return b64;
}

reply authorize(call& c) {
  reply error;
  shop_state* shop = shop_from_body(c, error);
  if (!shop) return error;
  std::vector<std::string> scopes = all_scopes();
  if (has(c.body_object(), "scopes")) {
    auto wanted = get_strings(c.body_object(), "scopes");
    if (!wanted) return rejected(400, "scopes: expected an array of scope names");
    for (const auto& s : *wanted)
      if (std::find(all_scopes().begin(), all_scopes().end(), s) == all_scopes().end())
        return rejected(400, "scopes: unknown scope \"" + s + "\"");
    scopes = *wanted;
  }
  std::string code = random_code();
  if (code.empty()) return rejected(500, "no random bytes available");
  c.core.state.auth_codes[sha256_hex(code)] = {shop->cfg.key, scopes, c.now, false};
  c.changed = true;
  return reply::ok(json::object{
      {"code", code}, {"shop", shop->cfg.key}, {"shop_id", shop->cfg.id}, {"expires_at", c.now + 30 * 60}});
}

reply clock_report(call& c) {
  return reply::ok(json::object{{"now", c.core.now()}, {"offset", c.core.state.clock_offset}});
}

reply advance_clock(call& c) {
  auto seconds = get_int(c.body_object(), "seconds");
  if (!seconds || *seconds <= 0 || *seconds > 400LL * 86400)
    return rejected(400, "seconds: expected an integer in [1, 34560000]");
  c.core.state.clock_offset += *seconds;
  c.now = c.core.now();
  c.changed = true;
  settle_due(c);
  return clock_report(c);
}

reply create_orders(call& c) {
  reply error;
  shop_state* shop = shop_from_body(c, error);
  if (!shop) return error;
  const json::object& body = c.body_object();
  std::int64_t count = get_int(body, "count").value_or(1);
  if (count < 1 || count > 100) return rejected(400, "count: expected an integer in [1, 100]");
  std::string status = get_string(body, "status").value_or("AWAITING_SHIPMENT");
  if (status != "UNPAID" && status != "ON_HOLD" && status != "AWAITING_SHIPMENT")
    return rejected(400, "status: expected UNPAID, ON_HOLD or AWAITING_SHIPMENT, found \"" + status + "\"");
  static const std::map<std::string, order_scenario> scenarios = {
      {"random", order_scenario::random},
      {"must_split_category", order_scenario::must_split_category},
      {"must_split_total", order_scenario::must_split_total},
      {"multi_sku", order_scenario::multi_sku},
      {"multi_unit", order_scenario::multi_unit},
      {"single", order_scenario::single}};
  std::string scenario_name = get_string(body, "scenario").value_or("random");
  auto scenario = scenarios.find(scenario_name);
  if (scenario == scenarios.end())
    return rejected(
        400,
        "scenario: expected random, must_split_category, must_split_total, multi_sku, multi_unit or single, "
        "found \"" +
            scenario_name + "\"");
  if ((scenario->second == order_scenario::must_split_category ||
       scenario->second == order_scenario::must_split_total) &&
      !has_split_limits(*shop))
    return rejected(400, "scenario: must-split orders exist only in MX cross-border shops; " + shop->cfg.key +
                             " is " + shop->cfg.region + " " + shop->cfg.seller_type);
  prng random(mix(c.core.state.seed, ++c.core.state.id_counter));
  id_maker ids = [&c](std::string_view prefix, int digits) { return c.core.next_id(prefix, digits); };
  auto created = place_orders(*shop, random, ids, c.now, static_cast<int>(count), status, scenario->second);
  if (created.empty()) return rejected(409, "the shop has no active products to order");
  for (const auto& id : created) emit_order_status(c, *shop, shop->orders.at(id));
  c.changed = true;
  return reply::ok(json::object{{"order_ids", to_json_array(created)}});
}

reply set_order_status(call& c, const std::string& order_id) {
  shop_state* shop = c.core.shop_of_order(order_id);
  if (!shop) return rejected(404, "order \"" + order_id + "\" does not exist");
  order& o = shop->orders.at(order_id);
  auto status = get_string(c.body_object(), "status");
  if (!status || !valid_order_status(*status))
    return rejected(400, "status: expected an order status (UNPAID ... CANCELLED), found " +
                             (status ? "\"" + *status + "\"" : std::string("nothing")));
  if (*status == "CANCELLED") {
    if (o.status == "CANCELLED" || status_rank(o.status) > status_rank("AWAITING_COLLECTION"))
      return rejected(409, "order " + order_id + " is " + o.status + " and can no longer be cancelled");
    if (auto reason = get_string(c.body_object(), "reason")) o.cancel_reason = *reason;
    if (auto who = get_string(c.body_object(), "initiator")) o.cancellation_initiator = *who;
  } else if (o.status == "CANCELLED" || status_rank(*status) <= status_rank(o.status)) {
    return rejected(
        409, "order " + order_id + " is " + o.status + "; an order only moves forward, not to " + *status);
  } else if (*status == "PARTIALLY_SHIPPING") {
    return rejected(400, "status: PARTIALLY_SHIPPING follows from shipping some packages; ship them instead");
  }
  if (has_split_limits(*shop) && order_is_shipped(*status)) {
    for (package* p : packages_of(*shop, o)) {
      if (p->ship_time > 0) continue;
      if (!broken_limits(*shop, lines_in_package(o, *p)).empty())
        return rejected(409,
                        "order " + order_id + " must be split before it can ship (as the platform requires)");
    }
  }
  change_order_status(c, *shop, o, *status);
  return reply::ok(json::object{{"order_id", o.id}, {"status", o.status}});
}

reply expire_tokens(call& c) {
  const json::object& body = c.body_object();
  bool also_refresh = get_bool(body, "refresh").value_or(false);
  std::set<std::string> authorizations;
  if (auto token = get_string(body, "access_token")) {
    auto it = c.core.state.access_tokens.find(sha256_hex(*token));
    if (it == c.core.state.access_tokens.end()) return rejected(404, "access_token: no such token");
    it->second.expires_at = c.now - 1;
    authorizations.insert(it->second.authorization_id);
    c.changed = true;
    if (!also_refresh) return reply::ok(json::object{{"expired", 1}});
  } else {
    reply error;
    shop_state* shop = shop_from_body(c, error);
    if (!shop) return error;
    for (const auto& [id, a] : c.core.state.authorizations)
      if (a.seller == shop->cfg.seller) authorizations.insert(id);
  }
  int expired = 0;
  for (auto& [hash, t] : c.core.state.access_tokens)
    if (authorizations.count(t.authorization_id) && t.expires_at >= c.now) {
      t.expires_at = c.now - 1;
      ++expired;
    }
  if (also_refresh)
    for (auto& [hash, t] : c.core.state.refresh_tokens)
      if (authorizations.count(t.authorization_id)) {
        t.expires_at = c.now - 1;
        ++expired;
      }
  c.changed = true;
  return reply::ok(json::object{{"expired", expired}});
}

reply deauthorize(call& c) {
  reply error;
  shop_state* shop = shop_from_body(c, error);
  if (!shop) return error;
  int revoked = 0;
  for (auto& [id, a] : c.core.state.authorizations)
    if (a.seller == shop->cfg.seller && !a.revoked) {
      a.revoked = true;
      ++revoked;
    }
  c.changed = true;
  for (const auto& s : c.core.cfg.shops)
    if (const shop_state* other = c.core.shop_by_key(s.key); other && other->cfg.seller == shop->cfg.seller)
      c.emit(*other, 6,
             {{"message", "Shop_id " + other->cfg.id + " is deauthorized from your APP by merchant."}});
  return reply::ok(json::object{{"revoked", revoked}});
}

reply fire_webhook(call& c) {
  reply error;
  shop_state* shop = shop_from_body(c, error);
  if (!shop) return error;
  auto type = get_int(c.body_object(), "type");
  if (!type || event_name(static_cast<int>(*type)).empty())
    return rejected(400, "type: expected a webhook type number (1, 3, 4, 5, 6, 7, 11, 12, 36, ...)");
  json::object data;
  if (const auto* given = get_object(c.body_object(), "data")) {
    data = *given;
  } else if (*type == 7) {
    data = {{"message", "The authorization of shop " + shop->cfg.id + " expires in 30 days."},
            {"expiration_time", std::to_string(c.now + 30 * 86400)}};
  } else if (*type == 1 && !shop->orders.empty()) {
    const order& o = shop->orders.begin()->second;
    data = {{"order_id", o.id},
            {"order_status", o.status},
            {"is_on_hold_order", o.is_on_hold_order},
            {"update_time", o.update_time}};
  }
  c.emit(*shop, static_cast<int>(*type), std::move(data));
  return reply::ok(json::object{{"queued", true}});
}

reply summary(call& c) {
  json::array shops;
  for (const auto& s : c.core.cfg.shops) {
    const shop_state* shop = c.core.shop_by_key(s.key);
    if (!shop) continue;
    json::object by_status;
    for (const auto& [id, o] : shop->orders) {
      auto& slot = by_status[o.status];
      slot = slot.is_int64() ? slot.get_int64() + 1 : 1;
    }
    int pending_invoices = 0, must_split = 0;
    for (const auto& [id, p] : shop->packages)
      if (p.invoice_record && p.invoice_record->status == "PROCESSING") ++pending_invoices;
    for (const auto& [id, o] : shop->orders)
      if (o.status == "AWAITING_SHIPMENT" && o.package_ids.size() == 1 &&
          shop->packages.count(o.package_ids.front()) &&
          !broken_limits(*shop, lines_in_package(o, shop->packages.at(o.package_ids.front()))).empty())
        ++must_split;
    shops.push_back(json::object{{"key", s.key},
                                 {"id", shop->cfg.id},
                                 {"name", shop->cfg.name},
                                 {"region", shop->cfg.region},
                                 {"seller_type", shop->cfg.seller_type},
                                 {"orders", shop->orders.size()},
                                 {"orders_by_status", std::move(by_status)},
                                 {"orders_that_must_split", must_split},
                                 {"packages", shop->packages.size()},
                                 {"products", shop->products.size()},
                                 {"pending_invoices", pending_invoices},
                                 {"webhook_subscriptions", shop->webhooks.size()}});
  }
  int active = 0;
  for (const auto& [id, a] : c.core.state.authorizations)
    if (!a.revoked) ++active;
  json::object data{{"now", c.now},
                    {"clock_offset", c.core.state.clock_offset},
                    {"shops", std::move(shops)},
                    {"authorizations", active}};
  if (c.core.webhook_report) data["webhooks"] = c.core.webhook_report();
  return reply::ok(std::move(data));
}

}  // namespace

reply rejected(int status, std::string message) {
  reply r;
  r.http_status = status;
  r.code = status;
  r.message = std::move(message);
  return r;
}

shop_state* shop_named(call& c, std::string_view field, reply& error) {
  auto key = get_string(c.body_object(), field);
  shop_state* shop = key ? c.core.shop_by_key(*key) : nullptr;
  if (!shop && key)
    for (auto& [k, s] : c.core.state.shops)
      if (s.cfg.id == *key) shop = &s;
  if (!shop)
    error = rejected(400, std::string(field) + ": expected a configured shop key (" + shop_keys(c.core) +
                              ") or shop id, found " + (key ? "\"" + *key + "\"" : std::string("nothing")));
  return shop;
}

reply control(call& c) {
  std::string_view path = c.req.path();
  path.remove_prefix(std::string_view("/__sim/").size());
  const std::string& m = c.req.method();
  if (!c.req.body().empty() && !c.body.is_object()) return rejected(400, "the body must be a JSON object");
  if (path == "authorize" && m == "POST") return authorize(c);
  if (path == "clock" && m == "GET") return clock_report(c);
  if (path == "clock/advance" && m == "POST") return advance_clock(c);
  if (path == "orders" && m == "POST") return create_orders(c);
  if (path.rfind("orders/", 0) == 0 && path.size() > 14 && path.substr(path.size() - 7) == "/status" &&
      m == "POST")
    return set_order_status(c, std::string(path.substr(7, path.size() - 14)));
  if (path == "tokens/expire" && m == "POST") return expire_tokens(c);
  if (path == "deauthorize" && m == "POST") return deauthorize(c);
  if (path == "webhooks/fire" && m == "POST") return fire_webhook(c);
  if (path == "settle" && m == "POST") {
    settle_due(c);
    return reply::ok();
  }
  if (path == "summary" && m == "GET") return summary(c);
  if (path == "faults" && m == "GET") return faults_report(c);
  if (path == "faults" && m == "POST") return set_fault_rates(c);
  if (path == "faults/next" && m == "POST") return script_fault(c);
  if (path == "faults/clear" && m == "POST") return clear_faults(c);
  if (path == "webhooks/duplicate" && m == "POST") return duplicate_webhooks(c);
  if (path == "webhooks/hold" && m == "POST") return hold_webhooks(c);
  if (path == "webhooks/release" && m == "POST") return release_webhooks(c);
  if (path == "webhooks/replay" && m == "POST") return replay_webhook(c);
  if (path == "calls" && m == "GET") return calls_report(c);
  return rejected(404, "no control endpoint " + m + " /__sim/" + std::string(path) +
                           " (see docs/simulator.md for the list)");
}

}  // namespace kingkung::sim::detail
