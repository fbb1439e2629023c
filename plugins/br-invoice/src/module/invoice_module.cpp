#include "invoice_module.hpp"

#include <algorithm>
#include <exception>

#include <boost/json.hpp>

#include "file_input.hpp"
#include "kingkung/br/invoice_module.hpp"
#include "outcome_json.hpp"
#include "platform_json.hpp"

namespace kingkung::br::detail {
namespace {

namespace json = boost::json;

constexpr std::string_view upload_path = "/fulfillment/202502/invoice/upload";
constexpr int invoice_status_change = 36;

std::string need_of(const plugin::order_view& order) {
  return need_upload_invoice_of(order.raw_json);
}

bool needs_invoice(std::string_view need) {
  return !need.empty() && need != "NO_NEED";
}

bool awaiting_shipment(const plugin::order_view& order) {
  return order.status == "AWAITING_SHIPMENT" || order.status == "PARTIALLY_SHIPPING";
}

bool active(const invoice_record* record) {
  return record && (record->state == invoice_state::processing || record->state == invoice_state::success);
}

std::string field_value(const plugin::action_input& input, std::string_view name) {
  for (const auto& [key, value] : input.fields)
    if (key == name) return value;
  return {};
}

bool has_field(const plugin::action_input& input, std::string_view name) {
  return std::any_of(input.fields.begin(), input.fields.end(),
                     [&](const auto& f) { return f.first == name; });
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Runs a module call, turning any escaping exception into an error: nothing may cross the boundary.
template <class F>
auto guarded(std::string_view what, F&& f) noexcept -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, "br-invoice " + std::string(what) + ": " + e.what());
  } catch (...) {
    return plugin::make_error(plugin::errc::internal,
                              "br-invoice " + std::string(what) + ": unknown failure");
  }
}

std::string blocked_reason(const std::string& package_id, const invoice_record* record) {
  if (!record)
    return "Package " + package_id +
           " needs an NF-e accepted by TikTok Shop before it can ship: upload the NF-e XML (Upload NF-e).";
  if (record->state == invoice_state::processing)
    return "TikTok Shop is still checking the NF-e of package " + package_id +
           "; it can ship as soon as the invoice is accepted.";
  return "TikTok Shop rejected the NF-e of package " + package_id + ": " +
         explain_invalid_reason(record->reason) +
         " Shipping stays blocked until a corrected NF-e is accepted.";
}

std::string status_line(const std::string& package_id, const invoice_record* record, bool accepted) {
  if (accepted)
    return "Package " + package_id +
           ": NF-e accepted. It can ship; print the invoice label (Print invoice label).";
  return blocked_reason(package_id, record);
}

}  // namespace

invoice_module::invoice_module(const plugin::host_context& ctx, std::string shop_id, module_config cfg)
    : ctx_(ctx), shop_id_(std::move(shop_id)), cfg_(std::move(cfg)) {}

std::uint32_t invoice_module::capabilities() const noexcept {
  return plugin::capability_invoice_handling | plugin::capability_ship_gating;
}

std::vector<plugin::action_spec> invoice_module::actions() const {
  return {
      {std::string(action_upload),
       "Upload NF-e",
       "Checks the NF-e XML of a package and uploads it to TikTok Shop; the package ships once it is "
       "accepted.",
       {{"package_id", "Package", "text", false}, {"file", "NF-e XML (text or base64)", "file", true}},
       false},
      {std::string(action_upload_many),
       "Upload NF-e files",
       "Matches many NF-e XML files to the selected orders' packages (by order number or access key), checks "
       "and uploads them.",
       {{"files", "NF-e XML files ([{\"name\", \"file\"}])", "json", true}},
       true},
      {std::string(action_status),
       "Refresh NF-e status",
       "Asks TikTok Shop for the current invoice status of the order's packages.",
       {},
       true},
      {std::string(action_label),
       "Print invoice label",
       "Gets the invoice label (A6 PDF) of a package whose NF-e was accepted.",
       {{"package_id", "Package", "text", false}},
       false},
  };
}

bool invoice_module::accepted(const plugin::order_view& order, const invoice_record* record) const {
  if (record && record->state == invoice_state::success) return true;
  // The order flag covers a single package; for a split order it turns on with the first accepted invoice.
  return order.package_ids.size() == 1 && need_of(order) == "INVOICE_UPLOADED";
}

nfe_expectations invoice_module::expectations_for(const plugin::order_view& order) const {
  nfe_expectations e;
  e.emitter_cnpj = cfg_.cnpj;
  if (!order.buyer_tax_id.empty()) e.recipient_tax_id = order.buyer_tax_id;
  e.total = amount::parse(order.total_amount);
  e.total_tolerance = cfg_.total_tolerance;
  return e;
}

plugin::result<plugin::action_state> invoice_module::action_state_for(
    std::string_view action, const plugin::order_view& order) noexcept {
  return guarded("action state", [&]() -> plugin::result<plugin::action_state> {
    std::string need = need_of(order);
    plugin::action_state s;
    s.applies = needs_invoice(need);
    if (!s.applies) {
      s.reason = "This order needs no NF-e.";
      return s;
    }
    if (order.package_ids.empty()) {
      s.reason = "The order has no package yet.";
      return s;
    }
    auto any_accepted = std::any_of(order.package_ids.begin(), order.package_ids.end(),
                                    [&](const std::string& p) { return accepted(order, store_.cached(p)); });
    auto all_active = std::all_of(
        order.package_ids.begin(), order.package_ids.end(),
        [&](const std::string& p) { return active(store_.cached(p)) || accepted(order, store_.cached(p)); });
    if (action == action_upload || action == action_upload_many) {
      if (!awaiting_shipment(order))
        s.reason = "Only orders awaiting shipment take an NF-e.";
      else if (all_active || need == "INVOICE_PROCESSING")
        s.reason = "Every package already has an NF-e accepted or being checked.";
      else
        s.enabled = true;
    } else if (action == action_status) {
      s.enabled = true;
    } else if (action == action_label) {
      s.enabled = any_accepted;
      if (!s.enabled) s.reason = "The invoice label is available once TikTok Shop accepts the NF-e.";
    } else {
      return plugin::make_error(plugin::errc::not_found,
                                "br-invoice has no action \"" + std::string(action) + "\"");
    }
    return s;
  });
}

plugin::result<plugin::ship_gate> invoice_module::check_ship(const plugin::order_view& order,
                                                             plugin::shop_api& api) noexcept {
  return guarded("ship check", [&]() -> plugin::result<plugin::ship_gate> {
    plugin::ship_gate gate;
    if (!needs_invoice(need_of(order))) return gate;
    if (order.package_ids.empty()) {
      gate.allowed = false;
      gate.reason = "The order has no package yet, so no NF-e can be attached to it.";
      return gate;
    }
    std::vector<std::string> reasons;
    for (const auto& package_id : order.package_ids) {
      auto record = store_.get(api, package_id);
      if (!record) return std::move(record).err();
      const invoice_record* r = record->has_value() ? &**record : nullptr;
      if (!accepted(order, r)) reasons.push_back(blocked_reason(package_id, r));
    }
    if (!reasons.empty()) {
      gate.allowed = false;
      for (const auto& reason : reasons) gate.reason += (gate.reason.empty() ? "" : " ") + reason;
    }
    return gate;
  });
}

plugin::result<plugin::action_outcome> invoice_module::run_action(std::string_view action,
                                                                  const plugin::order_view& order,
                                                                  const plugin::action_input& input,
                                                                  plugin::shop_api& api) noexcept {
  return guarded(action, [&]() -> plugin::result<plugin::action_outcome> {
    if (action == action_upload) return upload_one(order, input, api);
    if (action == action_upload_many) return upload_many(order, input, api);
    if (action == action_status) return poll_status(order, api);
    if (action == action_label) return invoice_label(order, input, api);
    return plugin::make_error(plugin::errc::not_found,
                              "br-invoice has no action \"" + std::string(action) + "\"");
  });
}

plugin::result<plugin::action_outcome> invoice_module::upload_one(const plugin::order_view& order,
                                                                  const plugin::action_input& input,
                                                                  plugin::shop_api& api) {
  std::string package_id = !input.package_id.empty() ? input.package_id : field_value(input, "package_id");
  if (package_id.empty() && order.package_ids.size() == 1) package_id = order.package_ids.front();
  if (std::find(order.package_ids.begin(), order.package_ids.end(), package_id) == order.package_ids.end())
    return plugin::make_error(plugin::errc::invalid_argument,
                              "package_id: expected one of the order's packages (" +
                                  joined(order.package_ids) + "), found " +
                                  (package_id.empty() ? "none" : "\"" + package_id + "\""));
  if (!has_field(input, "file"))
    return plugin::make_error(plugin::errc::invalid_argument,
                              "field file: expected the NF-e XML, found nothing");

  auto existing = store_.get(api, package_id);
  if (!existing) return std::move(existing).err();
  if (*existing && (*existing)->state != invoice_state::invalid)
    return plugin::make_error(
        plugin::errc::failed_precondition,
        "Package " + package_id + " already has an NF-e " +
            ((*existing)->state == invoice_state::success ? "accepted by TikTok Shop"
                                                          : "being checked by TikTok Shop") +
            "; nothing was uploaded.");

  auto xml = decode_file_field("file", field_value(input, "file"));
  if (!xml) return std::move(xml).err();
  nfe_report report = validate_nfe(*xml, expectations_for(order));
  if (report.ok() && !report.facts.access_key.empty()) {
    auto owner = store_.package_for_key(api, report.facts.access_key);
    if (!owner) return std::move(owner).err();
    if (*owner && **owner != package_id) {
      auto other = store_.get(api, **owner);
      if (!other) return std::move(other).err();
      if (other->has_value() && (*other)->state != invoice_state::invalid)
        report.failures.push_back(
            {"nfeProc/NFe/infNFe/@Id", "an access key no other package uses",
             report.facts.access_key + " (already uploaded for package " + **owner + ")",
             "Every package needs its own NF-e; this one was already uploaded for another package."});
    }
  }
  if (!report.ok()) {
    ctx_.log().log(plugin::log_level::info, "NF-e for package " + package_id + " refused before upload: " +
                                                std::to_string(report.failures.size()) + " problem(s)");
    return plugin::make_error(plugin::errc::invalid_argument, failures_text(package_id, report.failures));
  }

  auto data = api.call("POST", upload_path, {}, upload_body({{package_id, {order.order_id}, *xml}}));
  if (!data) {
    plugin::error e = std::move(data).err();
    e.message = "NF-e not uploaded for package " + package_id + ": " + e.message;
    return e;
  }
  for (const auto& refusal : upload_errors(*data)) {
    if (refusal.package_id.empty() || refusal.package_id == package_id)
      return plugin::make_error(
          plugin::errc::rejected,
          "TikTok Shop refused the NF-e for package " + package_id + ": " + explain_upload_error(refusal));
  }

  invoice_record record;
  record.access_key = report.facts.access_key;
  record.order_ids = {order.order_id};
  std::string message = "NF-e " + record.access_key + " uploaded for package " + package_id +
                        ". TikTok Shop is checking it; the package can ship once it is accepted.";
  if (auto saved = store_.put(api, package_id, record); !saved) {
    ctx_.log().log(plugin::log_level::error,
                   "invoice status of package " + package_id + " not saved: " + saved.err().message);
    message += " (Its status could not be saved here; use Refresh NF-e status later.)";
  }
  return plugin::action_outcome{message, upload_result_json(package_id, record)};
}

plugin::result<plugin::action_outcome> invoice_module::poll_status(const plugin::order_view& order,
                                                                   plugin::shop_api& api) {
  auto data = api.call("GET", "/order/202507/orders", {{"ids", order.order_id}}, "");
  if (!data) return std::move(data).err();
  std::string need = need_upload_invoice_in_detail(*data);
  if (auto applied = apply_order_flag(order, need, true, api); !applied) return std::move(applied).err();

  plugin::order_view fresh = order;
  json::object raw;
  raw["need_upload_invoice"] = need;
  fresh.raw_json = json::serialize(raw);
  std::vector<package_status> statuses;
  std::string message;
  for (const auto& package_id : order.package_ids) {
    const invoice_record* r = store_.cached(package_id);
    bool ok = !needs_invoice(need) || accepted(fresh, r);
    statuses.push_back({package_id,
                        ok  ? "SUCCESS"
                        : r ? std::string(to_string(r->state))
                            : "NONE",
                        r && r->state == invoice_state::invalid ? r->reason : "",
                        status_line(package_id, r, ok)});
    message += (message.empty() ? "" : " ") + statuses.back().explanation;
  }
  if (!needs_invoice(need)) message = "This order needs no NF-e.";
  return plugin::action_outcome{message, status_result_json(need, statuses)};
}

plugin::result<plugin::action_outcome> invoice_module::invoice_label(const plugin::order_view& order,
                                                                     const plugin::action_input& input,
                                                                     plugin::shop_api& api) {
  std::string package_id = !input.package_id.empty() ? input.package_id : field_value(input, "package_id");
  if (package_id.empty()) {
    for (const auto& p : order.package_ids) {
      auto record = store_.get(api, p);
      if (!record) return std::move(record).err();
      if (accepted(order, record->has_value() ? &**record : nullptr)) {
        package_id = p;
        break;
      }
    }
  }
  if (std::find(order.package_ids.begin(), order.package_ids.end(), package_id) == order.package_ids.end())
    return plugin::make_error(
        plugin::errc::failed_precondition,
        "No package of this order has an accepted NF-e yet, so there is no invoice label.");
  auto data = api.call("GET", "/fulfillment/202309/packages/" + package_id + "/shipping_documents",
                       {{"document_type", "INVOICE_LABEL"}}, "");
  if (!data) return std::move(data).err();
  std::string url = doc_url_of(*data);
  if (url.empty())
    return plugin::make_error(plugin::errc::internal,
                              "TikTok Shop returned no document for the invoice label");
  return plugin::action_outcome{
      "The invoice label of package " + package_id + " is ready (the link is valid 24 hours).",
      label_result_json(package_id, url)};
}

plugin::result<void> invoice_module::apply_order_flag(const plugin::order_view& order, std::string_view need,
                                                      bool fresh, plugin::shop_api& api) {
  for (const auto& package_id : order.package_ids) {
    auto loaded = store_.get(api, package_id);
    if (!loaded) return std::move(loaded).err();
    if (!*loaded || (*loaded)->state != invoice_state::processing) continue;
    invoice_record record = **loaded;
    bool changed = false;
    if (need == "INVOICE_PROCESSING" && !record.platform_processing_seen) {
      record.platform_processing_seen = true;
      changed = true;
    } else if (need == "INVOICE_UPLOADED" && order.package_ids.size() == 1) {
      record.state = invoice_state::success;
      changed = true;
    } else if (need == "NEED_INVOICE" && (fresh || record.platform_processing_seen)) {
      // The platform went back to asking for an invoice: this one was rejected. The webhook carries the
      // reason; the order alone does not.
      record.state = invoice_state::invalid;
      record.reason = "UNKNOWN";
      changed = true;
    }
    if (!changed) continue;
    if (auto saved = store_.put(api, package_id, record); !saved) return saved;
    ctx_.log().log(plugin::log_level::info, "invoice of package " + package_id + " is now " +
                                                std::string(to_string(record.state)) + " (from the order)");
  }
  return {};
}

plugin::result<void> invoice_module::on_order_changed(const plugin::order_view& order,
                                                      plugin::shop_api& api) noexcept {
  return guarded("order change", [&]() -> plugin::result<void> {
    std::string need = need_of(order);
    if (!needs_invoice(need)) return {};
    return apply_order_flag(order, need, false, api);
  });
}

plugin::result<void> invoice_module::on_event(int type, std::string_view data_json,
                                              plugin::shop_api& api) noexcept {
  return guarded("webhook", [&]() -> plugin::result<void> {
    if (type != invoice_status_change) return {};
    std::optional<invoice_event> event = read_invoice_event(data_json);
    if (!event)
      return plugin::make_error(plugin::errc::invalid_argument,
                                "INVOICE_STATUS_CHANGE: expected data with package_id and invoice_status");
    auto loaded = store_.get(api, event->package_id);
    if (!loaded) return std::move(loaded).err();
    invoice_record record = loaded->value_or(invoice_record{});
    if (!event->order_ids.empty()) record.order_ids = event->order_ids;
    if (event->invoice_status == "SUCCESS") {
      record.state = invoice_state::success;
      record.reason.clear();
    } else if (event->invoice_status == "PROCESSING") {
      record.state = invoice_state::processing;
      record.reason.clear();
    } else if (event->invoice_status == "INVALID" || event->invoice_status == "FAILED") {
      record.state = invoice_state::invalid;
      record.reason = event->invalid_reason.empty() || event->invalid_reason == "UNKNOWN"
                          ? (event->invoice_status == "FAILED" ? "FAILED" : "UNKNOWN")
                          : event->invalid_reason;
    } else {
      return plugin::make_error(
          plugin::errc::invalid_argument,
          "INVOICE_STATUS_CHANGE: invoice_status: expected SUCCESS, PROCESSING, FAILED or "
          "INVALID, found \"" +
              event->invoice_status + "\"");
    }
    if (auto saved = store_.put(api, event->package_id, record); !saved) return saved;
    ctx_.log().log(record.state == invoice_state::invalid ? plugin::log_level::warn : plugin::log_level::info,
                   "invoice of package " + event->package_id + " is now " +
                       std::string(to_string(record.state)) +
                       (record.reason.empty() ? "" : " (" + record.reason + ")"));
    return {};
  });
}

}  // namespace kingkung::br::detail

namespace kingkung::br {

plugin::result<std::unique_ptr<plugin::market_module>> make_invoice_module(const plugin::host_context& ctx,
                                                                           std::string_view shop_id) {
  try {
    auto cfg = detail::read_module_config(ctx.config());
    if (!cfg) return std::move(cfg).err();
    return std::unique_ptr<plugin::market_module>(
        std::make_unique<detail::invoice_module>(ctx, std::string(shop_id), std::move(*cfg)));
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, std::string("br-invoice: ") + e.what());
  }
}

}  // namespace kingkung::br
