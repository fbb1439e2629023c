// Control endpoints for injected failures, webhook delivery and the call log (docs/simulator.md,
// "Faults" and "Call log").
#include <algorithm>

#include "call_log.hpp"
#include "fault_plan.hpp"
#include "handlers.hpp"
#include "query_params.hpp"
#include "webhook_sender.hpp"

namespace kingkung::sim::detail {
namespace {

std::string found_text(const json::value& v) {
  return json::serialize(v);
}

// A rate: a JSON number in [0, 1].
std::optional<double> as_rate(const json::value& v) {
  double d = 0;
  if (v.is_double())
    d = v.get_double();
  else if (v.is_int64())
    d = static_cast<double>(v.get_int64());
  else if (v.is_uint64())
    d = static_cast<double>(v.get_uint64());
  else
    return std::nullopt;
  if (!(d >= 0.0 && d <= 1.0)) return std::nullopt;
  return d;
}

std::string kind_names() {
  std::string out;
  for (fault_kind k : all_fault_kinds) out += (out.empty() ? "" : ", ") + std::string(fault_name(k));
  return out;
}

// The count of a scripted fault: 1 unless given.
std::optional<std::int64_t> scripted_count(const json::object& body, reply& error) {
  if (!has(body, "count")) return 1;
  auto count = get_int(body, "count");
  if (!count || *count < 1 || *count > 10000) {
    error = rejected(400, "count: expected an integer in [1, 10000], found " + found_text(body.at("count")));
    return std::nullopt;
  }
  return count;
}

// {"kind": "omit_orders", "order_ids"?, "count"?, "shop"?}: Get Order Detail answers without the ids.
reply script_order_omission(call& c) {
  const json::object& body = c.body_object();
  for (const auto& [key, value] : body) {
    if (key == "path" || key == "method")
      return rejected(400,
                      std::string(key) +
                          ": omit_orders applies to Get Order Detail (GET /order/{version}/orders) only; "
                          "leave " +
                          std::string(key) + " out");
    if (key != "kind" && key != "count" && key != "order_ids" && key != "shop")
      return rejected(400, "unknown key \"" + std::string(key) +
                               "\": expected kind, count, order_ids or shop for omit_orders");
  }
  order_omission o;
  reply error;
  auto count = scripted_count(body, error);
  if (!count) return error;
  o.remaining = *count;
  if (has(body, "order_ids")) {
    auto ids = get_strings(body, "order_ids");
    const bool valid =
        ids && !ids->empty() && std::none_of(ids->begin(), ids->end(), [](const std::string& id) {
          return id.empty() || id.find(',') != std::string::npos;
        });
    if (!valid)
      return rejected(
          400,
          "order_ids: expected a non-empty array of order ids (non-empty strings without commas), "
          "found " +
              found_text(body.at("order_ids")));
    o.order_ids = std::move(*ids);
  }
  if (has(body, "shop")) {
    shop_state* shop = shop_named(c, "shop", error);
    if (!shop) return error;
    o.shop_id = shop->cfg.id;
  }
  std::uint64_t id = c.core.faults->script(std::move(o));
  return reply::ok(json::object{{"id", id}});
}

}  // namespace

reply faults_report(call& c) {
  return reply::ok(c.core.faults->report());
}

reply set_fault_rates(call& c) {
  const json::object& body = c.body_object();
  for (const auto& [key, value] : body)
    if (key != "rates" && key != "paths" && key != "seed")
      return rejected(400, "unknown key \"" + std::string(key) + "\": expected rates, paths or seed");
  fault_rates rates;
  if (const auto* given = body.if_contains("rates")) {
    const auto* object = given->if_object();
    if (!object)
      return rejected(400, "rates: expected an object of kind to rate, found " + found_text(*given));
    for (const auto& [key, value] : *object) {
      auto kind = fault_from_name(key);
      if (!kind)
        return rejected(400,
                        "rates: expected kinds " + kind_names() + ", found \"" + std::string(key) + "\"");
      auto rate = as_rate(value);
      if (!rate)
        return rejected(
            400, "rates." + std::string(key) + ": expected a number in [0, 1], found " + found_text(value));
      rates.of(*kind) = *rate;
    }
  }
  if (rates.total() > 1.0 + 1e-9)
    return rejected(400,
                    "rates: expected rates that add up to at most 1, found " + std::to_string(rates.total()));
  std::vector<std::string> paths{"*"};
  if (has(body, "paths")) {
    auto given = get_strings(body, "paths");
    if (!given) return rejected(400, "paths: expected an array of path patterns");
    for (const auto& p : *given)
      if (p.empty() || (p.front() != '/' && p.front() != '*'))
        return rejected(400, "paths: expected patterns starting with '/' or '*', found \"" + p + "\"");
    if (!given->empty()) paths = std::move(*given);
  }
  std::uint64_t seed = c.core.cfg.seed;
  if (has(body, "seed")) {
    auto given = get_int(body, "seed");
    if (!given || *given < 0) return rejected(400, "seed: expected a non-negative integer");
    seed = static_cast<std::uint64_t>(*given);
  }
  c.core.faults->set_rates(rates, std::move(paths), seed);
  return reply::ok(c.core.faults->report());
}

reply script_fault(call& c) {
  const json::object& body = c.body_object();
  auto kind_text = get_string(body, "kind");
  if (kind_text == omit_orders_name) return script_order_omission(c);
  for (const auto& [key, value] : body) {
    if (key == "order_ids")
      return rejected(400, "order_ids: only for kind omit_orders, found kind " +
                               (kind_text ? "\"" + *kind_text + "\"" : std::string("nothing")));
    if (key != "kind" && key != "count" && key != "path" && key != "method" && key != "shop")
      return rejected(400,
                      "unknown key \"" + std::string(key) + "\": expected kind, count, path, method or shop");
  }
  auto kind = kind_text ? fault_from_name(*kind_text) : std::nullopt;
  if (!kind)
    return rejected(400, "kind: expected one of " + kind_names() + ", " + std::string(omit_orders_name) +
                             ", found " + (kind_text ? "\"" + *kind_text + "\"" : std::string("nothing")));
  scripted_fault f;
  f.kind = *kind;
  reply error;
  auto count = scripted_count(body, error);
  if (!count) return error;
  f.remaining = *count;
  if (has(body, "path")) {
    auto path = get_string(body, "path");
    if (!path || path->empty() || (path->front() != '/' && path->front() != '*'))
      return rejected(400, "path: expected a path pattern starting with '/' or '*'");
    f.path = *path;
  }
  if (has(body, "method")) {
    auto method = get_string(body, "method");
    if (!method || (*method != "GET" && *method != "POST" && *method != "PUT" && *method != "DELETE"))
      return rejected(400, "method: expected GET, POST, PUT or DELETE");
    f.method = *method;
  }
  if (has(body, "shop")) {
    reply error;
    shop_state* shop = shop_named(c, "shop", error);
    if (!shop) return error;
    f.shop_id = shop->cfg.id;
  }
  std::uint64_t id = c.core.faults->script(std::move(f));
  return reply::ok(json::object{{"id", id}});
}

reply clear_faults(call& c) {
  c.core.faults->clear();
  return reply::ok(c.core.faults->report());
}

reply duplicate_webhooks(call& c) {
  std::int64_t count = 1;
  if (has(c.body_object(), "count")) {
    auto given = get_int(c.body_object(), "count");
    if (!given || *given < 1 || *given > 1000)
      return rejected(400, "count: expected an integer in [1, 1000]");
    count = *given;
  }
  c.core.webhooks->duplicate_next(static_cast<int>(count));
  return reply::ok(json::object{{"duplicate_next", count}});
}

reply hold_webhooks(call& c) {
  c.core.webhooks->hold();
  return reply::ok(json::object{{"holding", true}});
}

reply release_webhooks(call& c) {
  std::string order = get_string(c.body_object(), "order").value_or("sent");
  release_order how = release_order::sent;
  if (order == "reverse")
    how = release_order::reverse;
  else if (order == "shuffle")
    how = release_order::shuffle;
  else if (order != "sent")
    return rejected(400, "order: expected \"sent\", \"reverse\" or \"shuffle\", found \"" + order + "\"");
  auto ids = c.core.webhooks->release(how, c.core.cfg.seed);
  return reply::ok(json::object{{"released", to_json_array(ids)}});
}

reply replay_webhook(call& c) {
  auto id = get_string(c.body_object(), "tts_notification_id");
  if (!id || id->empty())
    return rejected(400, "tts_notification_id: expected the id of a webhook sent before");
  if (!c.core.webhooks->replay(*id))
    return rejected(404, "tts_notification_id: no webhook \"" + *id + "\" among the last 1000 made");
  return reply::ok(json::object{{"tts_notification_id", *id}});
}

reply calls_report(call& c) {
  call_filter f;
  if (auto shop = c.req.param("shop"); shop && !shop->empty()) {
    const shop_state* s = c.core.shop_by_key(*shop);
    f.shop_id = s ? s->cfg.id : *shop;
  }
  f.path_prefix = c.req.param("path_prefix").value_or("");
  if (auto since = c.req.param("since")) {
    auto value = parse_int(*since);
    if (!value) return rejected(400, "since: expected simulated Unix seconds, found \"" + *since + "\"");
    f.since = *value;
  }
  if (auto limit = c.req.param("limit")) {
    auto value = parse_int(*limit);
    if (!value || *value < 1 || *value > 10000)
      return rejected(400, "limit: expected an integer in [1, 10000], found \"" + *limit + "\"");
    f.limit = static_cast<std::size_t>(*value);
  }
  return reply::ok(c.core.calls->query(f));
}

}  // namespace kingkung::sim::detail
