#include "kingkung/webhooks/processor.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <set>
#include <string>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/webhook_event_repository.hpp"

namespace kingkung::webhooks {
namespace {

namespace json = boost::json;
constexpr std::string_view component = "webhooks";

plugin::error unusable(std::string_view type, std::string message) {
  return plugin::make_error(plugin::errc::invalid_argument, std::string(type) + ": " + std::move(message));
}

std::optional<std::string> id_of(const json::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return std::nullopt;
}

std::int64_t int_of(const json::value* v) {
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string()) {
    try {
      return std::stoll(std::string(v->as_string()));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

void add_ids(const json::value* list, std::vector<std::string>& out) {
  if (list == nullptr || !list->is_array()) return;
  for (const auto& v : list->as_array())
    if (auto id = id_of(&v)) out.push_back(*id);
}

std::int64_t now_of(const std::shared_ptr<const plugin::clock>& clock) {
  auto t = clock ? clock->now() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

result<void> event_handlers::on_other(const event_context&, std::string_view) {
  return {};
}

result<void> dispatch(event_handlers& handlers, int type, std::string_view shop_id, std::string_view raw_body) {
  auto parsed = parse_notification(raw_body);
  if (!parsed) return std::move(parsed).err();
  event_context ctx{std::string(shop_id), parsed->notification_id, type, parsed->timestamp};
  json::value data = json::parse(parsed->data_json);
  const auto& d = data.as_object();
  std::string_view name = type_name(type);

  switch (static_cast<event_type>(type)) {
    case event_type::order_status_change: {
      auto order_id = id_of(d.if_contains("order_id"));
      if (!order_id) return unusable(name, "data.order_id is missing");
      std::string status;
      if (const auto* s = d.if_contains("order_status"); s != nullptr && s->is_string()) status = s->as_string();
      return handlers.on_order_status_change(ctx, *order_id, status, int_of(d.if_contains("update_time")));
    }
    case event_type::reverse_status_update:
    case event_type::recipient_address_update:
    case event_type::cancellation_status_change:
    case event_type::return_status_change: {
      std::vector<std::string> ids;
      if (auto id = id_of(d.if_contains("order_id"))) ids.push_back(*id);
      add_ids(d.if_contains("order_ids"), ids);
      if (ids.empty()) return unusable(name, "data.order_id is missing");
      return handlers.on_order_change(ctx, ids);
    }
    case event_type::package_update: {
      std::vector<std::string> packages, orders;
      if (const auto* list = d.if_contains("package_list"); list != nullptr && list->is_array()) {
        for (const auto& p : list->as_array()) {
          if (!p.is_object()) continue;
          if (auto id = id_of(p.as_object().if_contains("package_id"))) packages.push_back(*id);
          add_ids(p.as_object().if_contains("order_id_list"), orders);
        }
      }
      if (packages.empty() && orders.empty()) return unusable(name, "data.package_list names no package");
      std::string sc_type;
      if (const auto* s = d.if_contains("sc_type"); s != nullptr && s->is_string()) sc_type = s->as_string();
      return handlers.on_package_update(ctx, packages, orders, sc_type);
    }
    case event_type::invoice_status_change:
      return handlers.on_invoice_status_change(ctx, parsed->data_json);
    case event_type::product_status_change:
    case event_type::product_information_change:
    case event_type::product_creation:
    case event_type::product_category_change:
    case event_type::inventory_status_change:
    case event_type::product_audit_status_change: {
      auto product_id = id_of(d.if_contains("product_id"));
      if (!product_id) return unusable(name, "data.product_id is missing");
      return handlers.on_product_change(ctx, *product_id);
    }
    case event_type::seller_deauthorization:
      return handlers.on_seller_deauthorization(ctx);
    case event_type::upcoming_authorization_expiration:
      return handlers.on_upcoming_authorization_expiration(ctx, int_of(d.if_contains("expiration_time")));
  }
  return handlers.on_other(ctx, parsed->data_json);
}

processor::processor(storage::database& db, event_handlers& handlers, processor_options options)
    : db_(db), handlers_(handlers), options_(std::move(options)) {
  if (options_.batch_size == 0 || options_.batch_size > 1000) options_.batch_size = 100;
  if (options_.max_attempts < 1) options_.max_attempts = 1;
}

result<drain_report> processor::drain() {
  storage::webhook_event_repository events(db_);
  drain_report report;
  std::set<std::string> held;  // shops whose earlier event is still pending
  std::int64_t after = 0;
  for (;;) {
    auto batch = events.pending(after, options_.batch_size);
    if (!batch) return std::move(batch).err();
    if (batch->empty()) return report;
    for (const auto& e : *batch) {
      after = e.id;
      if (held.count(e.shop_id) != 0) {
        ++report.waiting;
        continue;
      }
      result<void> outcome;
      try {
        outcome = dispatch(handlers_, e.type, e.shop_id, e.raw_body);
      } catch (const std::exception& ex) {
        outcome = plugin::make_error(plugin::errc::internal, std::string("handler threw: ") + ex.what());
      }
      const std::int64_t now = now_of(options_.clock);
      if (outcome) {
        auto marked = events.mark_done(e.id, now);
        if (!marked) return std::move(marked).err();
        ++report.done;
        continue;
      }
      const bool final = outcome.err().code == plugin::errc::invalid_argument;
      const bool last_try = final || e.attempts + 1 >= options_.max_attempts;
      auto marked = events.mark_attempt_failed(e.id, outcome.err().message, final, options_.max_attempts, now);
      if (!marked) return std::move(marked).err();
      std::string what = "webhook " + e.notification_id + " (type " + std::to_string(e.type) + ", shop " +
                         e.shop_id + ") attempt " + std::to_string(e.attempts + 1) + ": " + outcome.err().message;
      if (last_try) {
        log::error(component, what + "; given up");
        ++report.failed;
      } else {
        log::warn(component, what + "; will retry");
        ++report.retrying;
        held.insert(e.shop_id);
      }
    }
  }
}

}  // namespace kingkung::webhooks
