// Write-back kinds, payload checks and the retry policy.
#include <boost/json.hpp>

#include <algorithm>

#include "kingkung/common/decimal.hpp"
#include "kingkung/sync/write_back.hpp"

namespace kingkung::sync {
namespace {

namespace json = boost::json;

constexpr write_back_kind all_kinds[] = {
    write_back_kind::ship,      write_back_kind::split, write_back_kind::combine, write_back_kind::edit,
    write_back_kind::inventory, write_back_kind::price, write_back_kind::invoice};

std::string kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

// Each check returns "" when fine, else "<path>: expected ..., found ...".
std::string need_string(const json::object& o, std::string_view key, const std::string& path,
                        bool required = true) {
  auto* v = o.if_contains(key);
  std::string where = path + "." + std::string(key);
  if (v == nullptr) return required ? where + ": missing" : "";
  if (!v->is_string() || v->as_string().empty())
    return where + ": expected a non-empty string, found " + kind_of(*v);
  return {};
}

std::string need_decimal(const json::object& o, std::string_view key, const std::string& path) {
  auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  std::string where = path + "." + std::string(key);
  if (!v->is_string() || !decimal::parse(v->as_string()).has_value())
    return where + ": expected a decimal string such as \"189.00\", found " +
           (v->is_string() ? "\"" + std::string(v->as_string()) + "\"" : kind_of(*v));
  return {};
}

std::string need_int(const json::object& o, std::string_view key, const std::string& path, bool required) {
  auto* v = o.if_contains(key);
  std::string where = path + "." + std::string(key);
  if (v == nullptr) return required ? where + ": missing" : "";
  if (!v->is_int64() && !v->is_uint64()) return where + ": expected an integer, found " + kind_of(*v);
  return {};
}

std::string need_strings(const json::object& o, std::string_view key, const std::string& path) {
  auto* v = o.if_contains(key);
  std::string where = path + "." + std::string(key);
  if (v == nullptr) return where + ": missing";
  if (!v->is_array() || v->as_array().empty())
    return where + ": expected a non-empty array of strings, found " + kind_of(*v);
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& item = v->as_array()[i];
    if (!item.is_string() || item.as_string().empty())
      return where + "[" + std::to_string(i) + "]: expected a non-empty string, found " + kind_of(item);
  }
  return {};
}

// Checks every element of the array `key` (required, non-empty) with `each(object, path)`.
template <class F>
std::string need_objects(const json::object& o, std::string_view key, const std::string& path, F&& each) {
  auto* v = o.if_contains(key);
  std::string where = path + "." + std::string(key);
  if (v == nullptr) return where + ": missing";
  if (!v->is_array() || v->as_array().empty())
    return where + ": expected a non-empty array, found " + kind_of(*v);
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& item = v->as_array()[i];
    std::string item_path = where + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return item_path + ": expected an object, found " + kind_of(item);
    if (auto p = each(item.as_object(), item_path); !p.empty()) return p;
  }
  return {};
}

template <class... Problems>
std::string first(const Problems&... problems) {
  std::string out;
  ((out.empty() ? void(out = problems) : void()), ...);
  return out;
}

std::string check(write_back_kind kind, const json::object& o) {
  const std::string p = "payload";
  switch (kind) {
    case write_back_kind::ship: {
      std::string slot, self;
      if (auto* s = o.if_contains("pickup_slot")) {
        if (!s->is_object()) return p + ".pickup_slot: expected an object, found " + kind_of(*s);
        slot = first(need_int(s->as_object(), "start_time", p + ".pickup_slot", true),
                     need_int(s->as_object(), "end_time", p + ".pickup_slot", true));
      }
      if (auto* s = o.if_contains("self_shipment")) {
        if (!s->is_object()) return p + ".self_shipment: expected an object, found " + kind_of(*s);
        self = first(need_string(s->as_object(), "tracking_number", p + ".self_shipment"),
                     need_string(s->as_object(), "shipping_provider_id", p + ".self_shipment"));
      }
      return first(need_string(o, "package_id", p), need_string(o, "handover_method", p, false), slot, self);
    }
    case write_back_kind::split:
      return first(need_string(o, "order_id", p),
                   need_objects(o, "splittable_groups", p, [](const json::object& g, const std::string& at) {
                     return first(need_string(g, "id", at), need_strings(g, "order_line_item_ids", at));
                   }));
    case write_back_kind::combine:
      return need_objects(o, "combinable_packages", p, [](const json::object& c, const std::string& at) {
        return first(need_string(c, "id", at), need_strings(c, "order_ids", at));
      });
    case write_back_kind::edit: {
      auto base = first(need_string(o, "product_id", p), need_string(o, "title", p, false),
                        need_string(o, "description", p, false), need_string(o, "save_mode", p, false));
      if (!base.empty()) return base;
      if (!o.contains("title") && !o.contains("description"))
        return p + ": nothing to edit (no title or description)";
      return {};
    }
    case write_back_kind::inventory:
      return first(need_string(o, "product_id", p),
                   need_objects(o, "skus", p, [](const json::object& s, const std::string& at) {
                     return first(
                         need_string(s, "id", at),
                         need_objects(s, "inventory", at, [](const json::object& w, const std::string& wat) {
                           return first(need_string(w, "warehouse_id", wat, false),
                                        need_int(w, "quantity", wat, true));
                         }));
                   }));
    case write_back_kind::price:
      return first(need_string(o, "product_id", p),
                   need_objects(o, "skus", p, [](const json::object& s, const std::string& at) {
                     auto base = first(need_string(s, "id", at), need_string(s, "currency", at),
                                       need_decimal(s, "amount", at), need_decimal(s, "sale_price", at),
                                       need_decimal(s, "list_price", at));
                     if (!base.empty()) return base;
                     if (!s.contains("amount") && !s.contains("sale_price"))
                       return at + ": needs \"amount\" or \"sale_price\"";
                     return std::string();
                   }));
    case write_back_kind::invoice:
      return need_objects(o, "invoices", p, [](const json::object& i, const std::string& at) {
        return first(need_string(i, "package_id", at), need_strings(i, "order_ids", at),
                     need_string(i, "xml", at));
      });
  }
  return {};
}

}  // namespace

std::string_view to_string(write_back_kind k) noexcept {
  switch (k) {
    case write_back_kind::ship:
      return "ship";
    case write_back_kind::split:
      return "split";
    case write_back_kind::combine:
      return "combine";
    case write_back_kind::edit:
      return "edit";
    case write_back_kind::inventory:
      return "inventory";
    case write_back_kind::price:
      return "price";
    case write_back_kind::invoice:
      return "invoice";
  }
  return "ship";
}

std::optional<write_back_kind> parse_write_back_kind(std::string_view text) {
  for (auto k : all_kinds)
    if (to_string(k) == text) return k;
  return std::nullopt;
}

bool is_idempotent(write_back_kind k) noexcept {
  return k == write_back_kind::edit || k == write_back_kind::inventory || k == write_back_kind::price;
}

std::string payload_problem(write_back_kind kind, std::string_view payload_json) {
  boost::system::error_code ec;
  auto value = json::parse(payload_json, ec);
  if (ec) return "payload: not valid JSON (" + ec.message() + ")";
  if (!value.is_object()) return "payload: expected a JSON object, found " + kind_of(value);
  return check(kind, value.as_object());
}

failure_verdict judge_failure(const tiktok::api_error& error) noexcept {
  switch (error.kind) {
    case tiktok::error_class::rate_limited:
    case tiktok::error_class::retryable:
    case tiktok::error_class::token_expired:
    case tiktok::error_class::unauthenticated:
    case tiktok::error_class::signature:  // the app's credentials, not this item: fixable by the operator
    case tiktok::error_class::invalid_request:  // no token or cipher yet: the shop needs attention, not the
                                                // item
      return failure_verdict::retry;
    case tiktok::error_class::indeterminate:
    case tiktok::error_class::transport:
    case tiktok::error_class::invalid_response:
      return failure_verdict::outcome_unknown;
    case tiktok::error_class::permission:
    case tiktok::error_class::bad_request:
      return failure_verdict::fail;
  }
  return failure_verdict::fail;
}

std::int64_t write_back_delay(const sync_settings& settings, int attempts) noexcept {
  std::int64_t delay = std::max<std::int64_t>(1, settings.write_back_backoff_seconds);
  for (int i = 1; i < attempts && delay < settings.write_back_backoff_cap_seconds; ++i) delay *= 2;
  return std::min(delay, std::max<std::int64_t>(1, settings.write_back_backoff_cap_seconds));
}

}  // namespace kingkung::sync
