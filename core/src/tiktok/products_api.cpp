#include "kingkung/tiktok/products.hpp"

#include "kingkung/tiktok/pagination.hpp"
#include "tiktok/api_support.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {

using detail::json::array;
using detail::json::object;

namespace {

constexpr std::size_t max_sku_filter = 10;

object inventory_json(const domain::inventory_level& level) {
  object o;
  if (!level.warehouse_id.empty()) o["warehouse_id"] = level.warehouse_id;
  o["quantity"] = level.quantity;
  return o;
}

}  // namespace

result<product_page> search_products(client& api, const shop_ref& shop,
                                     const search_products_request& request) {
  const auto& ep = endpoints::search_products;
  api_error error;
  if (!detail::check_page_size(ep, request.page_size, 100, error)) return error;
  if (request.seller_skus.size() > max_sku_filter)
    return detail::bad_argument(ep, "seller_skus", "at most 10 values",
                                std::to_string(request.seller_skus.size()));
  if (request.sku_ids.size() > max_sku_filter)
    return detail::bad_argument(ep, "sku_ids", "at most 10 values", std::to_string(request.sku_ids.size()));

  auto call = detail::make_request(ep);
  call.idempotent = true;
  call.query.push_back({"page_size", std::to_string(request.page_size)});
  if (!request.page_token.empty()) call.query.push_back({"page_token", request.page_token});

  object body;
  if (!request.status.empty()) body["status"] = request.status;
  if (!request.seller_skus.empty()) body["seller_skus"] = detail::to_array(request.seller_skus);
  if (!request.sku_ids.empty()) body["sku_ids"] = detail::to_array(request.sku_ids);
  if (request.create_time_ge) body["create_time_ge"] = *request.create_time_ge;
  if (request.create_time_le) body["create_time_le"] = *request.create_time_le;
  if (request.update_time_ge) body["update_time_ge"] = *request.update_time_ge;
  if (request.update_time_le) body["update_time_le"] = *request.update_time_le;
  if (!request.category_version.empty()) body["category_version"] = request.category_version;
  if (!request.audit_status.empty()) body["audit_status"] = detail::to_array(request.audit_status);
  if (!request.listing_platforms.empty())
    body["listing_platforms"] = detail::to_array(request.listing_platforms);
  if (request.return_draft_version) body["return_draft_version"] = *request.return_draft_version;
  if (!body.empty()) call.body = detail::to_body(body);

  return detail::call_and_decode<product_page>(api, shop, call,
                                               [&](const detail::reader& data, const std::string& rid) {
                                                 product_page page;
                                                 page.request_id = rid;
                                                 data.object();
                                                 page.next_page_token = data.string_or("next_page_token");
                                                 page.total_count = data.int_or("total_count");
                                                 for (const auto& p : data.items("products"))
                                                   page.products.push_back(detail::read_product(p, shop.id));
                                                 return page;
                                               });
}

result<unsigned> for_each_product_page(client& api, const shop_ref& shop, search_products_request request,
                                       const std::function<bool(product_page&)>& on_page) {
  std::string first = request.page_token;
  return follow_pages(
      std::move(first),
      [&](const std::string& token) {
        request.page_token = token;
        return search_products(api, shop, request);
      },
      [&](product_page&& page) { return on_page(page); });
}

result<std::vector<domain::product>> search_all_products(client& api, const shop_ref& shop,
                                                         search_products_request request) {
  std::vector<domain::product> all;
  auto pages = for_each_product_page(api, shop, std::move(request), [&](product_page& page) {
    for (auto& p : page.products) all.push_back(std::move(p));
    return true;
  });
  if (!pages.ok()) return std::move(pages).err();
  return all;
}

result<domain::product> get_product(client& api, const shop_ref& shop, std::string_view product_id,
                                    const get_product_options& options) {
  const auto& ep = endpoints::get_product;
  api_error error;
  if (!detail::check_id(ep, "product_id", product_id, error)) return error;
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {product_id}));
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  if (options.return_under_review_version)
    call.query.push_back({"return_under_review_version", flag(*options.return_under_review_version)});
  if (options.return_draft_version)
    call.query.push_back({"return_draft_version", flag(*options.return_draft_version)});
  if (!options.locale.empty()) call.query.push_back({"locale", options.locale});
  return detail::call_and_decode<domain::product>(
      api, shop, call,
      [&](const detail::reader& data, const std::string&) { return detail::read_product(data, shop.id); });
}

result<partial_edit_response> partial_edit_product(client& api, const shop_ref& shop,
                                                   std::string_view product_id,
                                                   const partial_edit_request& request) {
  const auto& ep = endpoints::partial_edit_product;
  api_error error;
  if (!detail::check_id(ep, "product_id", product_id, error)) return error;

  object body;
  if (request.title) body["title"] = *request.title;
  if (request.description) body["description"] = *request.description;
  if (request.skus) {
    array skus;
    for (std::size_t i = 0; i < request.skus->size(); ++i) {
      const auto& edit = (*request.skus)[i];
      object sku;
      if (!edit.id.empty()) sku["id"] = edit.id;
      if (!edit.seller_sku.empty()) sku["seller_sku"] = edit.seller_sku;
      if (edit.price) {
        if (edit.currency.empty())
          return detail::bad_argument(ep, "skus[" + std::to_string(i) + "].currency",
                                      "a currency code with the price", "an empty string");
        sku["price"] = object{{"amount", edit.price->to_string(2)}, {"currency", edit.currency}};
      }
      if (!edit.inventory.empty()) {
        array levels;
        for (const auto& level : edit.inventory) levels.push_back(inventory_json(level));
        sku["inventory"] = std::move(levels);
      }
      if (!edit.external_sku_id.empty()) sku["external_sku_id"] = edit.external_sku_id;
      if (!detail::merge_object(ep, "skus[" + std::to_string(i) + "].extra_json", edit.extra_json, sku,
                                error))
        return error;
      skus.push_back(std::move(sku));
    }
    body["skus"] = std::move(skus);
  }
  if (!request.save_mode.empty()) body["save_mode"] = request.save_mode;
  if (!detail::merge_object(ep, "extra_json", request.extra_json, body, error)) return error;
  if (body.empty()) return detail::bad_argument(ep, "request", "at least one property to edit", "none");

  auto call = detail::make_request(ep, endpoints::expand(ep.path, {product_id}));
  call.body = detail::to_body(body);
  return detail::call_and_decode<partial_edit_response>(
      api, shop, call, [&](const detail::reader& data, const std::string& rid) {
        partial_edit_response out;
        out.request_id = rid;
        if (data.is_null()) return out;
        out.product_id = data.id_or("product_id");
        for (const auto& sku : data.items("skus"))
          out.skus.push_back({sku.id_or("id"), sku.string_or("seller_sku"), sku.id_or("external_sku_id")});
        if (auto audit = data.find("audit")) out.audit_status = audit->string_or("status");
        return out;
      });
}

result<write_outcome> update_inventory(client& api, const shop_ref& shop, std::string_view product_id,
                                       const std::vector<inventory_update>& skus) {
  const auto& ep = endpoints::update_inventory;
  api_error error;
  if (!detail::check_id(ep, "product_id", product_id, error)) return error;
  if (skus.empty()) return detail::bad_argument(ep, "skus", "at least one SKU", "none");
  array items;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    const auto& sku = skus[i];
    const std::string where = "skus[" + std::to_string(i) + "]";
    if (!detail::check_id(ep, where + ".sku_id", sku.sku_id, error)) return error;
    if (sku.inventory.empty())
      return detail::bad_argument(ep, where + ".inventory", "at least one warehouse", "none");
    array levels;
    for (std::size_t w = 0; w < sku.inventory.size(); ++w) {
      if (sku.inventory[w].quantity < 0)
        return detail::bad_argument(ep, where + ".inventory[" + std::to_string(w) + "].quantity",
                                    "a quantity of 0 or more", std::to_string(sku.inventory[w].quantity));
      levels.push_back(inventory_json(sku.inventory[w]));
    }
    items.push_back(object{{"id", sku.sku_id}, {"inventory", std::move(levels)}});
  }
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {product_id}));
  call.body = detail::to_body(object{{"skus", std::move(items)}});
  return detail::call_write(api, shop, call);
}

result<write_outcome> update_price(client& api, const shop_ref& shop, std::string_view product_id,
                                   const std::vector<price_update>& skus) {
  const auto& ep = endpoints::update_price;
  api_error error;
  if (!detail::check_id(ep, "product_id", product_id, error)) return error;
  if (skus.empty()) return detail::bad_argument(ep, "skus", "at least one SKU", "none");
  array items;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    const auto& sku = skus[i];
    const std::string where = "skus[" + std::to_string(i) + "]";
    if (!detail::check_id(ep, where + ".sku_id", sku.sku_id, error)) return error;
    if (sku.currency.empty())
      return detail::bad_argument(ep, where + ".currency", "a currency code", "an empty string");
    if (!sku.amount && !sku.sale_price && !sku.list_price)
      return detail::bad_argument(ep, where, "an amount, sale_price or list_price", "none");
    object price{{"currency", sku.currency}};
    if (sku.amount) price["amount"] = sku.amount->to_string(2);
    if (sku.sale_price) price["sale_price"] = sku.sale_price->to_string(2);
    if (sku.list_price) price["list_price"] = sku.list_price->to_string(2);
    items.push_back(object{{"id", sku.sku_id}, {"price", std::move(price)}});
  }
  auto call = detail::make_request(ep, endpoints::expand(ep.path, {product_id}));
  call.body = detail::to_body(object{{"skus", std::move(items)}});
  return detail::call_write(api, shop, call);
}

}  // namespace kingkung::tiktok
