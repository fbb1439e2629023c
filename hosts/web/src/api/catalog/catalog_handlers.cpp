#include "api/catalog/catalog_handlers.hpp"

#include <boost/json/array.hpp>

#include "api/api_io.hpp"
#include "api/catalog/platform_fields.hpp"
#include "api/catalog/product_json.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/storage/product_search.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/tiktok/products.hpp"

namespace kingkung::web::catalog {
namespace {

namespace json = boost::json;

constexpr std::size_t max_title_bytes = 4 * 300;  // 300 characters of up to 4 UTF-8 bytes
constexpr std::size_t max_description_bytes = 64 * 1024;

std::string param(const http::request& req, std::string_view name) {
  auto v = req.path_param(name);
  return v ? std::string(*v) : std::string();
}

http::response refused(std::string_view message, std::string_view field) {
  return http::response::json_error(422, "rejected", message, field);
}

// A platform error as an answer: business refusals name the field they are about.
http::response platform_answer(const tiktok::api_error& e, product_input sent) {
  if (e.kind == tiktok::error_class::bad_request && e.code != 0)
    return refused(seller_message(e.code, e.message), field_for_code(e.code, sent));
  return error_answer(e.to_plugin_error());
}

// The caller's shop and its stored product, or the 404 (another seller's ids are not confirmed).
struct target {
  domain::shop shop;
  domain::product product;
};

std::variant<target, http::response> find_target(web_context& ctx, const http::request& req, const caller& who) {
  auto shop = owned_shop(ctx, who, param(req, "shop_id"));
  if (!shop) return not_found("the product");
  auto product = storage::product_repository(ctx.runtime->database()).get(shop->id, param(req, "product_id"));
  if (!product) return error_answer(product.err());
  if (!*product) return not_found("the product");
  return target{std::move(*shop), std::move(**product)};
}

std::variant<sync::shop_link, http::response> link_for(web_context& ctx, const domain::shop& shop) {
  if (ctx.services == nullptr) return unavailable("the platform services are not running in this process");
  auto link = ctx.services->links().link_for(shop);
  if (!link)
    return http::response::json_error(
        409, "shop_not_connected",
        "shop " + shop.name + " is " + std::string(storage::to_string(shop.state)) +
            "; connect it again on the Shops page to change its products");
  return *link;
}

// Reads the product back from the platform and stores it; the stored product when that read fails.
domain::product refreshed(web_context& ctx, const sync::shop_link& link, domain::product stored) {
  auto fresh = tiktok::get_product(*link.api, link.shop, stored.id);
  if (!fresh) {
    log::warn("catalog", "reading product " + stored.id + " of shop " + link.shop.id +
                             " back after an edit: " + fresh.err().to_string());
    return stored;
  }
  fresh->shop_id = link.shop.id;
  if (auto saved = storage::product_repository(ctx.runtime->database()).upsert({*fresh}); !saved)
    log::warn("catalog", "storing product " + stored.id + ": " + saved.err().message);
  return std::move(*fresh);
}

const domain::sku* find_sku(const domain::product& p, std::string_view id) {
  for (const auto& s : p.skus)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace

http::response list_products(web_context& ctx, const http::request& req, const caller& who) {
  auto size = page_size_param(req);
  if (auto* answer = std::get_if<http::response>(&size)) return std::move(*answer);
  storage::product_search_request search;
  search.seller_id = who.seller_id;
  search.limit = std::get<std::size_t>(size);
  if (auto shop_id = req.query_param("shop_id"); shop_id && !shop_id->empty()) {
    if (!owned_shop(ctx, who, *shop_id)) return not_found("the shop");
    search.shop_id = std::string(*shop_id);
  }
  if (auto status = req.query_param("status")) search.status = std::string(*status);
  if (auto q = req.query_param("q")) search.q = std::string(*q);
  if (auto cursor = req.query_param("cursor")) search.cursor = std::string(*cursor);
  if (search.q.size() > 200) return bad_request("invalid_parameter", "q must be at most 200 characters", "q");
  if (search.status.size() > 64) return bad_request("invalid_parameter", "status is not a product status", "status");
  auto page = storage::product_search(ctx.runtime->database()).find(search);
  if (!page) {
    if (page.err().code == plugin::errc::invalid_argument)
      return bad_request("invalid_parameter", "the cursor is not one this server handed out", "cursor");
    return error_answer(page.err());
  }
  json::array products;
  for (const auto& p : page->products) products.push_back(product_summary(p));
  return json_answer(json::object{
      {"products", std::move(products)},
      {"next_cursor", page->next_cursor.empty() ? json::value(nullptr) : json::value(page->next_cursor)}});
}

http::response get_product(web_context& ctx, const http::request& req, const caller& who) {
  auto found = find_target(ctx, req, who);
  if (auto* answer = std::get_if<http::response>(&found)) return std::move(*answer);
  auto& t = std::get<target>(found);
  domain::product product = std::move(t.product);
  if (ctx.services != nullptr)
    if (auto link = ctx.services->links().link_for(t.shop)) product = refreshed(ctx, *link, std::move(product));
  return json_answer(json::object{{"product", product_detail(product)}});
}

http::response edit_product(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  const auto& o = std::get<json::object>(body);
  for (const auto& [key, value] : o)
    if (key != "title" && key != "description")
      return bad_request("unknown_field", "only title and description can be changed here, not " + std::string(key),
                         key);
  std::optional<http::response> error;
  auto title = string_field(o, "title", error);
  auto description = string_field(o, "description", error);
  if (error) return std::move(*error);
  if (!title && !description)
    return bad_request("invalid_field", "send a title, a description or both", "title");
  if (title && title->size() > max_title_bytes)
    return refused(seller_message(12052051, {}), "title");
  if (description && description->size() > max_description_bytes)
    return refused("The description is too long (at most 64 KB)", "description");

  auto found = find_target(ctx, req, who);
  if (auto* answer = std::get_if<http::response>(&found)) return std::move(*answer);
  auto& t = std::get<target>(found);
  auto linked = link_for(ctx, t.shop);
  if (auto* answer = std::get_if<http::response>(&linked)) return std::move(*answer);
  auto& link = std::get<sync::shop_link>(linked);

  tiktok::partial_edit_request edit;
  edit.title = title;
  edit.description = description;
  auto sent = title && !description ? product_input::title
              : !title             ? product_input::description
                                   : product_input::title;
  auto done = tiktok::partial_edit_product(*link.api, link.shop, t.product.id, edit);
  if (!done) {
    // Both fields sent: the generic "invalid parameter" cannot be pinned on one of them.
    if (title && description && done.err().code == 12052910)
      return refused(seller_message(done.err().code, done.err().message), {});
    return platform_answer(done.err(), sent);
  }
  return json_answer(json::object{{"product", product_detail(refreshed(ctx, link, std::move(t.product)))}});
}

http::response set_price(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  std::optional<http::response> error;
  auto text = string_field(std::get<json::object>(body), "price", error);
  if (error) return std::move(*error);
  if (!text) return bad_request("invalid_field", "price is required, as a decimal text like \"199.90\"", "price");
  auto price = decimal::parse(*text);
  if (!price) return bad_request("invalid_field", "price must be a decimal text like \"199.90\"", "price");

  auto found = find_target(ctx, req, who);
  if (auto* answer = std::get_if<http::response>(&found)) return std::move(*answer);
  auto& t = std::get<target>(found);
  const domain::sku* sku = find_sku(t.product, param(req, "sku_id"));
  if (!sku) return not_found("the SKU");
  auto linked = link_for(ctx, t.shop);
  if (auto* answer = std::get_if<http::response>(&linked)) return std::move(*answer);
  auto& link = std::get<sync::shop_link>(linked);

  tiktok::price_update update;
  update.sku_id = sku->id;
  update.currency = sku->currency;
  // Cross-border (global) sellers set the sale price; local sellers the amount.
  if (t.shop.seller_type == "CROSS_BORDER")
    update.sale_price = *price;
  else
    update.amount = *price;
  auto done = tiktok::update_price(*link.api, link.shop, t.product.id, {update});
  if (!done) return platform_answer(done.err(), product_input::price);
  if (!done->all_succeeded()) {
    const auto& e = done->errors.front();
    return refused(seller_message(e.code, e.message), "price");
  }
  return json_answer(json::object{{"product", product_detail(refreshed(ctx, link, std::move(t.product)))}});
}

http::response set_inventory(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  const auto& o = std::get<json::object>(body);
  auto it = o.find("inventory");
  if (it == o.end() || !it->value().is_array() || it->value().as_array().empty())
    return bad_request("invalid_field", "inventory must be a non-empty list of {warehouse_id, quantity}",
                       "inventory");
  std::vector<domain::inventory_level> levels;
  const auto& items = it->value().as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "inventory[" + std::to_string(i) + "]";
    if (!items[i].is_object()) return bad_request("invalid_field", at + " must be an object", at);
    std::optional<http::response> error;
    auto warehouse = string_field(items[i].as_object(), "warehouse_id", error);
    auto quantity = int_field(items[i].as_object(), "quantity", error);
    if (error || !warehouse || !quantity) {
      const bool bad_quantity = !quantity;
      return bad_request("invalid_field",
                         bad_quantity ? at + ".quantity must be a whole number" : at + ".warehouse_id must be text",
                         at + (bad_quantity ? ".quantity" : ".warehouse_id"));
    }
    if (*quantity < 0)
      return bad_request("invalid_field", at + ".quantity must be 0 or more, found " + std::to_string(*quantity),
                         at + ".quantity");
    levels.push_back({std::move(*warehouse), *quantity});
  }

  auto found = find_target(ctx, req, who);
  if (auto* answer = std::get_if<http::response>(&found)) return std::move(*answer);
  auto& t = std::get<target>(found);
  const domain::sku* sku = find_sku(t.product, param(req, "sku_id"));
  if (!sku) return not_found("the SKU");
  auto linked = link_for(ctx, t.shop);
  if (auto* answer = std::get_if<http::response>(&linked)) return std::move(*answer);
  auto& link = std::get<sync::shop_link>(linked);

  auto index_of = [&](std::string_view warehouse) -> std::string {
    for (std::size_t i = 0; i < levels.size(); ++i)
      if (levels[i].warehouse_id == warehouse) return "inventory[" + std::to_string(i) + "]";
    return "inventory";
  };
  auto done = tiktok::update_inventory(*link.api, link.shop, t.product.id, {{sku->id, levels}});
  if (!done) return platform_answer(done.err(), product_input::inventory);
  if (!done->all_succeeded()) {
    const auto& e = done->errors.front();
    if (!e.warehouse_errors.empty()) {
      const auto& w = e.warehouse_errors.front();
      const std::string at = index_of(w.warehouse_id);
      const bool quantity = w.code == 12019024;
      return refused(seller_message(w.code, w.message),
                     at == "inventory" ? at : at + (quantity ? ".quantity" : ".warehouse_id"));
    }
    return refused(seller_message(e.code, e.message), "inventory");
  }
  return json_answer(json::object{{"product", product_detail(refreshed(ctx, link, std::move(t.product)))}});
}

}  // namespace kingkung::web::catalog
