#include "kingkung/tiktok/orders.hpp"

#include <boost/json/serialize.hpp>

#include "kingkung/tiktok/pagination.hpp"
#include "tiktok/api_support.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {

using detail::json::object;

namespace {

// The Search Orders call for `request`; false (and `error`) when an argument is out of range.
bool search_call(const search_orders_request& request, api_request& call, api_error& error) {
  const auto& ep = endpoints::search_orders;
  if (!detail::check_page_size(ep, request.page_size, 100, error)) return false;
  if (request.warehouse_ids.size() > 100) {
    error = detail::bad_argument(ep, "warehouse_ids", "at most 100 ids",
                                 std::to_string(request.warehouse_ids.size()));
    return false;
  }
  call = detail::make_request(ep);
  call.idempotent = true;  // a search changes nothing
  call.query.push_back({"page_size", std::to_string(request.page_size)});
  if (!request.page_token.empty()) call.query.push_back({"page_token", request.page_token});
  if (!request.sort_field.empty()) call.query.push_back({"sort_field", request.sort_field});
  if (!request.sort_order.empty()) call.query.push_back({"sort_order", request.sort_order});

  object body;
  if (!request.order_status.empty()) body["order_status"] = request.order_status;
  if (request.create_time_ge) body["create_time_ge"] = *request.create_time_ge;
  if (request.create_time_lt) body["create_time_lt"] = *request.create_time_lt;
  if (request.update_time_ge) body["update_time_ge"] = *request.update_time_ge;
  if (request.update_time_lt) body["update_time_lt"] = *request.update_time_lt;
  if (!request.shipping_type.empty()) body["shipping_type"] = request.shipping_type;
  if (!request.buyer_user_id.empty()) body["buyer_user_id"] = request.buyer_user_id;
  if (request.is_buyer_request_cancel) body["is_buyer_request_cancel"] = *request.is_buyer_request_cancel;
  if (!request.warehouse_ids.empty()) body["warehouse_ids"] = detail::to_array(request.warehouse_ids);
  if (!body.empty()) call.body = detail::to_body(body);  // nothing to filter: no body at all
  return true;
}

}  // namespace

result<order_page> search_orders(client& api, const shop_ref& shop, const search_orders_request& request) {
  api_request call;
  api_error error;
  if (!search_call(request, call, error)) return error;
  return detail::call_and_decode<order_page>(api, shop, call,
                                             [&](const detail::reader& data, const std::string& rid) {
                                               order_page page;
                                               page.request_id = rid;
                                               data.object();
                                               page.next_page_token = data.string_or("next_page_token");
                                               page.total_count = data.int_or("total_count");
                                               for (const auto& o : data.items("orders"))
                                                 page.orders.push_back(detail::read_order(o, shop.id));
                                               return page;
                                             });
}

result<order_listing_page> search_order_listings(client& api, const shop_ref& shop,
                                                 const search_orders_request& request) {
  api_request call;
  api_error error;
  if (!search_call(request, call, error)) return error;
  return detail::call_and_decode<order_listing_page>(
      api, shop, call, [&](const detail::reader& data, const std::string& rid) {
        order_listing_page page;
        page.request_id = rid;
        data.object();
        page.next_page_token = data.string_or("next_page_token");
        page.total_count = data.int_or("total_count");
        for (const auto& o : data.items("orders"))
          page.orders.push_back({o.id_at("id"), o.int_or("update_time"), detail::to_json_text(o)});
        return page;
      });
}

result<unsigned> for_each_order_listing_page(client& api, const shop_ref& shop, search_orders_request request,
                                             const std::function<bool(order_listing_page&)>& on_page) {
  std::string first = request.page_token;
  return follow_pages(
      std::move(first),
      [&](const std::string& token) {
        request.page_token = token;
        return search_order_listings(api, shop, request);
      },
      [&](order_listing_page&& page) { return on_page(page); });
}

result<unsigned> for_each_order_page(client& api, const shop_ref& shop, search_orders_request request,
                                     const std::function<bool(order_page&)>& on_page) {
  std::string first = request.page_token;
  return follow_pages(
      std::move(first),
      [&](const std::string& token) {
        request.page_token = token;
        return search_orders(api, shop, request);
      },
      [&](order_page&& page) { return on_page(page); });
}

result<std::vector<domain::order>> search_all_orders(client& api, const shop_ref& shop,
                                                     search_orders_request request) {
  std::vector<domain::order> all;
  auto pages = for_each_order_page(api, shop, std::move(request), [&](order_page& page) {
    for (auto& o : page.orders) all.push_back(std::move(o));
    return true;
  });
  if (!pages.ok()) return std::move(pages).err();
  return all;
}

result<std::vector<domain::order>> get_order_detail(client& api, const shop_ref& shop,
                                                    const std::vector<std::string>& order_ids) {
  const auto& ep = endpoints::order_detail;
  for (std::size_t i = 0; i < order_ids.size(); ++i) {
    const auto& id = order_ids[i];
    if (id.empty() || id.find(',') != std::string::npos)
      return detail::bad_argument(ep, "order_ids[" + std::to_string(i) + "]", "a non-empty id without commas",
                                  "\"" + id + "\"");
  }
  std::vector<domain::order> all;
  for (std::size_t start = 0; start < order_ids.size(); start += max_order_detail_ids) {
    const auto end = std::min(order_ids.size(), start + max_order_detail_ids);
    auto call = detail::make_request(ep);
    call.query.push_back(
        {"ids", join_values(std::vector<std::string>(order_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                                     order_ids.begin() + static_cast<std::ptrdiff_t>(end)))});
    auto batch = detail::call_and_decode<std::vector<domain::order>>(
        api, shop, call, [&](const detail::reader& data, const std::string&) {
          std::vector<domain::order> orders;
          data.object();
          for (const auto& o : data.items("orders")) orders.push_back(detail::read_order(o, shop.id));
          return orders;
        });
    if (!batch.ok()) return std::move(batch).err();
    for (auto& o : batch.value()) all.push_back(std::move(o));
  }
  return all;
}

}  // namespace kingkung::tiktok
