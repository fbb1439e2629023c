// Upload Invoice (Brazil, docs/tiktok-shop-api.md 5.5) and the asynchronous decision that follows it.
// The decision is deterministic, read from the NF-e itself:
//   no readable 44-digit access key, or a wrong check digit  -> INVALID / FAILED
//   the access key was already used by another invoice        -> INVALID / ACCESS_KEY_DUPLICATE
//   no authorisation protocol (cStat) in the file             -> INVALID / NOT_FOUND
//   cStat other than 100 ("Autorizado o uso da NF-e")         -> INVALID / NOT_AUTHORIZED
//   otherwise                                                 -> SUCCESS
#include <algorithm>
#include <set>

#include "handlers.hpp"
#include "nfe.hpp"
#include "order_store.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr std::size_t max_file_bytes = 1024 * 1024;
constexpr std::int64_t decision_seconds = 3;

json::object item_error(const api_error& e, const std::string& package_id,
                        const std::vector<std::string>& order_ids) {
  return {{"code", e.code},
          {"message", e.message},
          {"detail", {{"package_id", package_id}, {"order_ids", to_json_array(order_ids)}}}};
}

void decide(const sim_core& core, const std::string& xml, invoice& inv) {
  nfe_facts facts = read_nfe(xml);
  inv.access_key = facts.access_key;
  inv.decided_status = "INVALID";
  if (!facts.looks_like_nfe || !access_key_valid(facts.access_key))
    inv.decided_reason = "FAILED";
  else if (core.state.used_access_keys.count(facts.access_key))
    inv.decided_reason = "ACCESS_KEY_DUPLICATE";
  else if (!facts.c_stat)
    inv.decided_reason = "NOT_FOUND";
  else if (*facts.c_stat != "100")
    inv.decided_reason = "NOT_AUTHORIZED";
  else {
    inv.decided_status = "SUCCESS";
    inv.decided_reason.clear();
  }
}

}  // namespace

reply upload_invoice(call& c) {
  shop_state& shop = *c.shop;
  if (shop.cfg.region != "BR" || shop.cfg.seller_type != "LOCAL")
    return reply::fail(err::fulfill_invalid_param);
  const json::array* items = get_array(c.body_object(), "invoices");
  if (!items || items->empty()) return reply::fail(err::fulfill_invalid_param);

  struct upload {
    std::string package_id;
    std::vector<std::string> order_ids;
    std::optional<std::string> xml;
    bool well_formed = false;
  };
  std::vector<upload> uploads;
  for (const auto& v : *items) {
    upload u;
    const json::object* item = v.if_object();
    if (item) {
      u.package_id = get_string(*item, "package_id").value_or("");
      u.order_ids = get_strings(*item, "order_ids").value_or(std::vector<std::string>{});
      auto file = get_string(*item, "file");
      auto type = get_string(*item, "file_type");
      if (file) u.xml = base64_decode(*file);
      u.well_formed =
          !u.package_id.empty() && !u.order_ids.empty() && type && *type == "XML" && u.xml.has_value();
      if (u.xml && u.xml->size() > max_file_bytes) return reply::fail(err::file_too_large);
    }
    uploads.push_back(std::move(u));
  }

  json::array errors;
  std::set<std::string> seen;
  for (auto& u : uploads) {
    if (!u.well_formed) {
      errors.push_back(item_error(err::fulfill_invalid_param, u.package_id, u.order_ids));
      continue;
    }
    auto it = shop.packages.find(u.package_id);
    bool orders_belong = it != shop.packages.end() &&
                         std::all_of(u.order_ids.begin(), u.order_ids.end(), [&](const std::string& id) {
                           return std::find(it->second.order_ids.begin(), it->second.order_ids.end(), id) !=
                                  it->second.order_ids.end();
                         });
    if (!orders_belong) {
      errors.push_back(item_error(err::not_this_seller, u.package_id, u.order_ids));
      continue;
    }
    package& p = it->second;
    if (!seen.insert(p.id).second || (p.invoice_record && (p.invoice_record->status == "PROCESSING" ||
                                                           p.invoice_record->status == "SUCCESS"))) {
      errors.push_back(item_error(err::invoice_exists, u.package_id, u.order_ids));
      continue;
    }
    if (p.ship_time > 0 || p.status != "PROCESSING") {
      errors.push_back(item_error(err::action_not_allowed, u.package_id, u.order_ids));
      continue;
    }
    invoice inv;
    inv.status = "PROCESSING";
    inv.order_ids = u.order_ids;
    inv.uploaded_at = c.now;
    inv.settle_at = c.now + decision_seconds;
    c.core.state.due.add(inv.settle_at, {shop.cfg.key, due_kind::invoice_decision, p.id});
    decide(c.core, *u.xml, inv);
    if (inv.decided_status == "SUCCESS") c.core.state.used_access_keys.insert(inv.access_key);
    p.invoice_record = std::move(inv);
    p.update_time = c.now;
    for (const auto& id : u.order_ids)
      if (auto o = shop.orders.find(id); o != shop.orders.end()) {
        o->second.need_upload_invoice = "INVOICE_PROCESSING";
        set_update_time(shop, o->second, c.now);
      }
    c.changed = true;
  }
  return reply::ok(json::object{{"errors", std::move(errors)}});
}

namespace {

void settle_invoice(call& c, shop_state& shop, package& p) {
  invoice& inv = *p.invoice_record;
  inv.status = inv.decided_status;
  inv.invalid_reason = inv.decided_reason;
  for (const auto& oid : inv.order_ids)
    if (auto o = shop.orders.find(oid); o != shop.orders.end()) {
      o->second.need_upload_invoice = inv.status == "SUCCESS" ? "INVOICE_UPLOADED" : "NEED_INVOICE";
      set_update_time(shop, o->second, c.now);
    }
  p.update_time = c.now;
  c.changed = true;
  c.emit(shop, 36,
         {{"package_id", p.id},
          {"order_ids", to_json_array(inv.order_ids)},
          {"invoice_status", inv.status},
          {"invalid_reason", inv.invalid_reason}});
}

void settle_audit(call& c, shop_state& shop, product& p) {
  p.audit_settle_at = 0;
  p.audit_status = "APPROVED";
  p.audit_failed_reasons.clear();
  if (p.status == "PENDING") p.status = "ACTIVATE";
  p.update_time = c.now;
  c.changed = true;
  c.emit(shop, 5,
         {{"product_id", p.id},
          {"status", "PRODUCT_STATUS_CHANGED"},
          {"suspended_reason", ""},
          {"update_time", c.now}});
}

}  // namespace

// Due items come ordered by shop, invoices before audits, then id: the order a walk over every
// shop's packages and then its products would meet them in, so webhooks go out in that order.
void settle_due(call& c) {
  for (const due_item& item : c.core.state.due.take_due(c.now)) {
    shop_state* shop = c.core.shop_by_key(item.shop_key);
    if (!shop) continue;
    if (item.kind == due_kind::invoice_decision) {
      auto p = shop->packages.find(item.id);
      if (p == shop->packages.end() || !p->second.invoice_record ||
          p->second.invoice_record->status != "PROCESSING" || p->second.invoice_record->settle_at > c.now)
        continue;
      settle_invoice(c, *shop, p->second);
    } else {
      auto p = shop->products.find(item.id);
      if (p == shop->products.end() || p->second.audit_settle_at == 0 || p->second.audit_settle_at > c.now)
        continue;
      settle_audit(c, *shop, p->second);
    }
  }
}

}  // namespace kingkung::sim::detail
