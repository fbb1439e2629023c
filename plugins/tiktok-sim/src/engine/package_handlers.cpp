// Search Package, Get Package Detail and Get Package Shipping Document (docs/tiktok-shop-api.md, 5.4).
// The documents behind doc_url are served by shipping_document_file.
#include <set>

#include "handlers.hpp"
#include "query_params.hpp"
#include "shipping_document_file.hpp"
#include "views.hpp"

namespace kingkung::sim::detail {
namespace {

std::int64_t pay_time_of(const shop_state& shop, const package& p) {
  for (const auto& id : p.order_ids)
    if (auto it = shop.orders.find(id); it != shop.orders.end()) return it->second.paid_time;
  return 0;
}

}  // namespace

reply search_packages(call& c) {
  std::string sort_field = c.req.param("sort_field").value_or("create_time");
  std::string sort_order = c.req.param("sort_order").value_or("DESC");
  if (sort_field != "create_time" && sort_field != "update_time" && sort_field != "order_pay_time")
    return reply::fail(err::fulfill_invalid_param);
  if (sort_order != "ASC" && sort_order != "DESC") return reply::fail(err::fulfill_invalid_param);
  const json::object& body = c.body_object();
  std::optional<std::int64_t> bounds[4];
  const char* keys[4] = {"create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt"};
  for (int i = 0; i < 4; ++i) {
    if (!has(body, keys[i])) continue;
    bounds[i] = get_int(body, keys[i]);
    if (!bounds[i]) return reply::fail(err::fulfill_invalid_param);
  }
  std::optional<std::string> status;
  if (has(body, "package_status")) {
    static const std::set<std::string> statuses = {"PROCESSING", "FULFILLING", "COMPLETED", "CANCELLED"};
    status = get_string(body, "package_status");
    if (!status || !statuses.count(*status)) return reply::fail(err::fulfill_invalid_param);
  }
  auto paging = read_paging(c, sort_field + "|" + sort_order + "|" + json::serialize(body));
  if (!paging) return reply::fail(err::fulfill_invalid_param);

  std::vector<const package*> matching;
  for (const auto& [id, p] : c.shop->packages) {
    if (status && p.status != *status) continue;
    if (bounds[0] && p.create_time < *bounds[0]) continue;
    if (bounds[1] && p.create_time >= *bounds[1]) continue;
    if (bounds[2] && p.update_time < *bounds[2]) continue;
    if (bounds[3] && p.update_time >= *bounds[3]) continue;
    matching.push_back(&p);
  }
  const shop_state& shop = *c.shop;
  auto page = take_page<package>(
      std::move(matching),
      [&](const package& p) {
        return sort_field == "update_time"      ? p.update_time
               : sort_field == "order_pay_time" ? pay_time_of(shop, p)
                                                : p.create_time;
      },
      [](const package& p) -> const std::string& { return p.id; }, sort_order == "DESC", paging->page_size,
      paging->after, paging->fingerprint, page_token_key(c.core));
  json::array packages;
  for (const auto* p : page.items) packages.push_back(package_summary_json(shop, *p));
  return reply::ok(json::object{{"next_page_token", page.next_page_token},
                                {"total_count", page.total_count},
                                {"packages", std::move(packages)}});
}

reply package_detail(call& c) {
  auto it = c.shop->packages.find(c.params.at(0));
  if (it == c.shop->packages.end()) return reply::fail(err::not_this_seller);
  return reply::ok(package_detail_json(*c.shop, it->second));
}

reply shipping_documents(call& c) {
  static const std::set<std::string> types = {
      "SHIPPING_LABEL",         "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP",
      "SHIPPING_LABEL_PICTURE", "HAZMAT_LABEL", "INVOICE_LABEL"};
  auto type = c.req.param("document_type");
  if (!type || !types.count(*type)) return reply::fail(err::fulfill_invalid_param);
  std::string size = c.req.param("document_size").value_or("A6");
  std::string format = c.req.param("document_format").value_or("PDF");
  if (size != "A6" && size != "A5") return reply::fail(err::fulfill_invalid_param);
  bool brazil = c.shop->cfg.region == "BR";
  if (format != "PDF" && !(format == "ZPL" && brazil)) return reply::fail(err::fulfill_invalid_param);
  if (*type == "INVOICE_LABEL" && !brazil) return reply::fail(err::fulfill_invalid_param);

  auto it = c.shop->packages.find(c.params.at(0));
  if (it == c.shop->packages.end()) return reply::fail(err::not_this_seller);
  const package& p = it->second;
  if (p.status == "CANCELLED") return reply::fail(err::order_cancelled);
  if (p.shipping_type != "TIKTOK") return reply::fail(err::action_not_allowed);  // TikTok-shipped only
  bool label = *type != "PACKING_SLIP" && *type != "INVOICE_LABEL";
  if (label && p.ship_time == 0)
    return reply::fail(err::action_not_allowed);  // labels exist once shipping is arranged
  if (*type == "INVOICE_LABEL" && (!p.invoice_record || p.invoice_record->status != "SUCCESS"))
    return reply::fail(err::invoice_not_success);

  json::object data{{"doc_url", document_url(c.core, p.id, *type, size, format, c.now)}};
  data["tracking_number"] = p.tracking_number;
  return reply::ok(std::move(data));
}

}  // namespace kingkung::sim::detail
