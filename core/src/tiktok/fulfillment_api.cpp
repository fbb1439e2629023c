#include "kingkung/tiktok/fulfillment.hpp"

#include "kingkung/tiktok/pagination.hpp"
#include "tiktok/api_support.hpp"
#include "tiktok/decoders.hpp"
#include "tiktok/envelope_reader.hpp"

namespace kingkung::tiktok {

using detail::json::array;
using detail::json::object;

namespace {

constexpr std::size_t max_split_attribute_ids = 50;

object ship_json(const ship_package_request& ship) {
  object o;
  if (!ship.handover_method.empty()) o["handover_method"] = ship.handover_method;
  if (ship.slot)
    o["pickup_slot"] = object{{"start_time", ship.slot->start_time}, {"end_time", ship.slot->end_time}};
  if (ship.self_ship)
    o["self_shipment"] = object{{"tracking_number", ship.self_ship->tracking_number},
                                {"shipping_provider_id", ship.self_ship->shipping_provider_id}};
  return o;
}

bool check_ids(const endpoints::endpoint& ep, std::string_view name, const std::vector<std::string>& ids,
               api_error& error) {
  if (ids.empty()) {
    error = detail::bad_argument(ep, name, "at least one id", "none");
    return false;
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty() || ids[i].find(',') != std::string::npos) {
      error = detail::bad_argument(ep, std::string(name) + "[" + std::to_string(i) + "]",
                                   "a non-empty id without commas", "\"" + ids[i] + "\"");
      return false;
    }
  }
  return true;
}

std::vector<combinable_package> read_packages_with_orders(const detail::reader& data) {
  std::vector<combinable_package> out;
  for (const auto& p : data.items("packages")) out.push_back({p.id_at("id"), p.ids_or("order_ids")});
  return out;
}

}  // namespace

result<package_page> search_packages(client& api, const shop_ref& shop,
                                     const search_packages_request& request) {
  const auto& ep = endpoints::search_packages;
  api_error error;
  if (!detail::check_page_size(ep, request.page_size, 50, error)) return error;
  auto call = detail::make_request(ep);
  call.idempotent = true;
  call.query.push_back({"page_size", std::to_string(request.page_size)});
  if (!request.page_token.empty()) call.query.push_back({"page_token", request.page_token});
  if (!request.sort_field.empty()) call.query.push_back({"sort_field", request.sort_field});
  if (!request.sort_order.empty()) call.query.push_back({"sort_order", request.sort_order});
  object body;
  if (request.create_time_ge) body["create_time_ge"] = *request.create_time_ge;
  if (request.create_time_lt) body["create_time_lt"] = *request.create_time_lt;
  if (request.update_time_ge) body["update_time_ge"] = *request.update_time_ge;
  if (request.update_time_lt) body["update_time_lt"] = *request.update_time_lt;
  if (!request.package_status.empty()) body["package_status"] = request.package_status;
  if (!body.empty()) call.body = detail::to_body(body);

  return detail::call_and_decode<package_page>(
      api, shop, call, [&](const detail::reader& data, const std::string& rid) {
        package_page page;
        page.request_id = rid;
        data.object();
        page.next_page_token = data.string_or("next_page_token");
        page.total_count = data.int_or("total_count");
        for (const auto& p : data.items("packages"))
          page.packages.push_back(detail::read_package(p, shop.id, "id"));
        return page;
      });
}

result<unsigned> for_each_package_page(client& api, const shop_ref& shop, search_packages_request request,
                                       const std::function<bool(package_page&)>& on_page) {
  std::string first = request.page_token;
  return follow_pages(
      std::move(first),
      [&](const std::string& token) {
        request.page_token = token;
        return search_packages(api, shop, request);
      },
      [&](package_page&& page) { return on_page(page); });
}

result<std::vector<domain::package>> search_all_packages(client& api, const shop_ref& shop,
                                                         search_packages_request request) {
  std::vector<domain::package> all;
  auto pages = for_each_package_page(api, shop, std::move(request), [&](package_page& page) {
    for (auto& p : page.packages) all.push_back(std::move(p));
    return true;
  });
  if (!pages.ok()) return std::move(pages).err();
  return all;
}

result<domain::package> get_package_detail(client& api, const shop_ref& shop, std::string_view package_id) {
  const auto& ep = endpoints::package_detail;
  api_error error;
  if (!detail::check_id(ep, "package_id", package_id, error)) return error;
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {package_id}));
  return detail::call_and_decode<domain::package>(api, shop, call,
                                                  [&](const detail::reader& data, const std::string&) {
                                                    return detail::read_package(data, shop.id, "package_id");
                                                  });
}

result<write_outcome> ship_package(client& api, const shop_ref& shop, std::string_view package_id,
                                   const ship_package_request& request) {
  const auto& ep = endpoints::ship_package;
  api_error error;
  if (!detail::check_id(ep, "package_id", package_id, error)) return error;
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {package_id}));
  auto body = ship_json(request);
  if (!body.empty()) call.body = detail::to_body(body);
  return detail::call_write(api, shop, call);
}

result<write_outcome> batch_ship_packages(client& api, const shop_ref& shop,
                                          const std::vector<package_shipment>& packages) {
  const auto& ep = endpoints::batch_ship;
  api_error error;
  if (packages.empty()) return detail::bad_argument(ep, "packages", "at least one package", "none");
  array items;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    if (!detail::check_id(ep, "packages[" + std::to_string(i) + "].package_id", packages[i].package_id,
                          error))
      return error;
    object item{{"id", packages[i].package_id}};
    for (auto& member : ship_json(packages[i].ship)) item[member.key()] = member.value();
    items.push_back(std::move(item));
  }
  auto call = detail::make_request(ep);
  call.body = detail::to_body(object{{"packages", std::move(items)}});
  return detail::call_write(api, shop, call);
}

result<std::vector<split_attribute>> get_split_attributes(client& api, const shop_ref& shop,
                                                          const std::vector<std::string>& order_ids) {
  const auto& ep = endpoints::split_attributes;
  api_error error;
  if (!check_ids(ep, "order_ids", order_ids, error)) return error;
  std::vector<split_attribute> all;
  for (std::size_t start = 0; start < order_ids.size(); start += max_split_attribute_ids) {
    const auto end = std::min(order_ids.size(), start + max_split_attribute_ids);
    auto call = detail::make_request(ep);
    call.query.push_back({"order_ids", join_values(std::vector<std::string>(
                                           order_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                           order_ids.begin() + static_cast<std::ptrdiff_t>(end)))});
    auto batch = detail::call_and_decode<std::vector<split_attribute>>(
        api, shop, call, [](const detail::reader& data, const std::string&) {
          std::vector<split_attribute> out;
          data.object();
          for (const auto& a : data.items("split_attributes")) {
            split_attribute s;
            s.order_id = a.id_at("order_id");
            s.can_split = a.bool_or("can_split");
            s.reason = a.string_or("reason");
            s.must_split = a.bool_or("must_split");
            for (const auto& r : a.items("must_split_reasons"))
              s.must_split_reasons.push_back(
                  {r.string_or("type"), r.id_or("category_id"), r.int_or("max_count")});
            out.push_back(std::move(s));
          }
          return out;
        });
    if (!batch.ok()) return std::move(batch).err();
    for (auto& s : batch.value()) all.push_back(std::move(s));
  }
  return all;
}

result<split_result> split_order(client& api, const shop_ref& shop, std::string_view order_id,
                                 const std::vector<splittable_group>& groups) {
  const auto& ep = endpoints::split_order;
  api_error error;
  if (!detail::check_id(ep, "order_id", order_id, error)) return error;
  if (groups.empty()) return detail::bad_argument(ep, "splittable_groups", "at least one group", "none");
  array items;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string where = "splittable_groups[" + std::to_string(i) + "]";
    if (!detail::check_id(ep, where + ".id", groups[i].id, error)) return error;
    if (!check_ids(ep, where + ".order_line_item_ids", groups[i].order_line_item_ids, error)) return error;
    items.push_back(object{{"id", groups[i].id},
                           {"order_line_item_ids", detail::to_array(groups[i].order_line_item_ids)}});
  }
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {order_id}));
  call.body = detail::to_body(object{{"splittable_groups", std::move(items)}});
  return detail::call_and_decode<split_result>(
      api, shop, call, [](const detail::reader& data, const std::string& rid) {
        split_result out;
        out.request_id = rid;
        data.object();
        for (const auto& p : data.items("packages"))
          out.packages.push_back({p.id_or("splittable_group_id"), p.id_at("id")});
        return out;
      });
}

result<combinable_page> search_combinable_packages(client& api, const shop_ref& shop, unsigned page_size,
                                                   const std::string& page_token) {
  const auto& ep = endpoints::search_combinable;
  api_error error;
  if (!detail::check_page_size(ep, page_size, 50, error)) return error;
  auto call = detail::make_request(ep);
  call.query.push_back({"page_size", std::to_string(page_size)});
  if (!page_token.empty()) call.query.push_back({"page_token", page_token});
  return detail::call_and_decode<combinable_page>(
      api, shop, call, [](const detail::reader& data, const std::string& rid) {
        combinable_page page;
        page.request_id = rid;
        data.object();
        page.next_page_token = data.string_or("next_page_token");
        page.total_count = data.int_or("total_count");
        for (const auto& p : data.items("combinable_packages"))
          page.combinable_packages.push_back({p.id_at("id"), p.ids_or("order_ids")});
        return page;
      });
}

result<std::vector<combinable_package>> search_all_combinable_packages(client& api, const shop_ref& shop,
                                                                       unsigned page_size) {
  std::vector<combinable_package> all;
  auto pages = follow_pages(
      std::string{},
      [&](const std::string& token) { return search_combinable_packages(api, shop, page_size, token); },
      [&](combinable_page&& page) {
        for (auto& p : page.combinable_packages) all.push_back(std::move(p));
        return true;
      });
  if (!pages.ok()) return std::move(pages).err();
  return all;
}

result<combine_result> combine_packages(client& api, const shop_ref& shop,
                                        const std::vector<combinable_package>& packages) {
  const auto& ep = endpoints::combine_packages;
  api_error error;
  if (packages.empty())
    return detail::bad_argument(ep, "combinable_packages", "at least one package", "none");
  array items;
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const std::string where = "combinable_packages[" + std::to_string(i) + "]";
    if (!detail::check_id(ep, where + ".id", packages[i].id, error)) return error;
    if (!check_ids(ep, where + ".order_ids", packages[i].order_ids, error)) return error;
    items.push_back(object{{"id", packages[i].id}, {"order_ids", detail::to_array(packages[i].order_ids)}});
  }
  auto call = detail::make_request(ep);
  call.body = detail::to_body(object{{"combinable_packages", std::move(items)}});
  return detail::call_and_decode<combine_result>(api, shop, call,
                                                 [](const detail::reader& data, const std::string& rid) {
                                                   combine_result out;
                                                   out.request_id = rid;
                                                   data.object();
                                                   out.packages = read_packages_with_orders(data);
                                                   out.errors = detail::read_item_errors(data);
                                                   return out;
                                                 });
}

result<combine_result> uncombine_package(client& api, const shop_ref& shop, std::string_view package_id,
                                         const std::vector<std::string>& order_ids) {
  const auto& ep = endpoints::uncombine_package;
  api_error error;
  if (!detail::check_id(ep, "package_id", package_id, error)) return error;
  if (!check_ids(ep, "order_ids", order_ids, error)) return error;
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {package_id}));
  call.body = detail::to_body(object{{"order_ids", detail::to_array(order_ids)}});
  return detail::call_and_decode<combine_result>(api, shop, call,
                                                 [](const detail::reader& data, const std::string& rid) {
                                                   combine_result out;
                                                   out.request_id = rid;
                                                   data.object();
                                                   out.packages = read_packages_with_orders(data);
                                                   out.errors = detail::read_item_errors(data);
                                                   return out;
                                                 });
}

result<shipping_document> get_shipping_document(client& api, const shop_ref& shop,
                                                std::string_view package_id,
                                                const shipping_document_request& request) {
  const auto& ep = endpoints::shipping_document;
  api_error error;
  if (!detail::check_id(ep, "package_id", package_id, error)) return error;
  if (request.document_type.empty())
    return detail::bad_argument(ep, "document_type", "SHIPPING_LABEL, PACKING_SLIP, INVOICE_LABEL, ...",
                                "an empty string");
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {package_id}));
  call.query.push_back({"document_type", request.document_type});
  if (!request.document_size.empty()) call.query.push_back({"document_size", request.document_size});
  if (!request.document_format.empty()) call.query.push_back({"document_format", request.document_format});
  return detail::call_and_decode<shipping_document>(api, shop, call,
                                                    [](const detail::reader& data, const std::string& rid) {
                                                      shipping_document out;
                                                      out.request_id = rid;
                                                      out.doc_url = data.string_at("doc_url");
                                                      out.tracking_number = data.string_or("tracking_number");
                                                      return out;
                                                    });
}

}  // namespace kingkung::tiktok
