#include <algorithm>

#include "api/fulfillment/handlers.hpp"
#include "api/fulfillment/order_scope.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/storage/package_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/tiktok/fulfillment.hpp"

namespace kingkung::web::fulfillment {

namespace json = boost::json;

namespace {

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object package_json(const domain::package& p) {
  auto text = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
  return {{"shop_id", p.shop_id},
          {"id", p.id},
          {"status", p.status},
          {"order_ids", strings(p.order_ids)},
          {"items", p.line_item_ids.size()},
          {"tracking_number", text(p.tracking_number)},
          {"shipping_provider", text(p.shipping_provider_name)},
          {"shipping_type", text(p.shipping_type)},
          {"split_and_combine_tag", text(p.split_and_combine_tag)},
          {"create_time", p.create_time},
          {"update_time", p.update_time}};
}

json::array groups_json(const std::vector<tiktok::combinable_package>& groups) {
  json::array out;
  for (const auto& g : groups) out.push_back(json::object{{"id", g.id}, {"order_ids", strings(g.order_ids)}});
  return out;
}

// A list of non-empty strings under `name`, or the 400 answer naming the bad entry.
std::variant<std::vector<std::string>, http::response> string_list(const json::object& o,
                                                                   std::string_view name) {
  const auto* v = o.if_contains(name);
  if (!v || !v->is_array() || v->as_array().empty())
    return bad_request("invalid_field", std::string(name) + " must be a non-empty list of ids", name);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& item = v->as_array()[i];
    if (!item.is_string() || item.as_string().empty())
      return bad_request("invalid_field",
                         std::string(name) + "[" + std::to_string(i) + "] must be a non-empty string",
                         std::string(name) + "[" + std::to_string(i) + "]");
    out.emplace_back(item.as_string());
  }
  return out;
}

std::vector<std::string> orders_of(const std::vector<tiktok::combinable_package>& packages) {
  std::vector<std::string> ids;
  for (const auto& p : packages)
    for (const auto& o : p.order_ids)
      if (std::find(ids.begin(), ids.end(), o) == ids.end()) ids.push_back(o);
  return ids;
}

json::object write_answer(const tiktok::combine_result& r) {
  json::array errors;
  for (const auto& e : r.errors) errors.push_back(json::object{{"code", e.code}, {"message", e.message}});
  return {{"packages", groups_json(r.packages)}, {"errors", std::move(errors)}};
}

http::response platform_failure(const tiktok::api_error& e, std::string_view what) {
  auto p = e.to_plugin_error();
  p.message = std::string(what) + ": " +
              (e.code != 0 ? "TikTok Shop answered code " + std::to_string(e.code) + ": " : "") + e.message;
  return error_answer(p);
}

}  // namespace

http::response list_packages(web_context& ctx, const http::request& req, const caller& who) {
  if (!ctx.services)
    return unavailable("packages need the platform services, which this server does not run");
  std::vector<domain::shop> shops;
  if (auto id = req.query_param("shop_id"); id && !id->empty()) {
    auto shop = owned_shop(ctx, who, *id);
    if (!shop) return not_found("shop " + std::string(*id));
    shops.push_back(std::move(*shop));
  } else {
    auto all =
        storage::shop_repository(ctx.runtime->database(), ctx.runtime->vault()).list_by_seller(who.seller_id);
    if (!all) return error_answer(all.err());
    shops = std::move(*all);
  }
  std::string status(req.query_param("status").value_or(""));
  storage::package_repository repo(ctx.runtime->database());
  std::vector<domain::package> packages;
  json::array combinable, errors;
  for (const auto& shop : shops) {
    auto ids = repo.ids(shop.id);
    if (!ids) return error_answer(ids.err());
    for (const auto& id : *ids) {
      auto p = repo.get(shop.id, id);
      if (!p) return error_answer(p.err());
      if (*p && (status.empty() || (*p)->status == status)) packages.push_back(std::move(**p));
    }
    if (shop.state != domain::shop_state::connected) continue;
    auto link = ctx.services->links().link_for(shop);
    if (!link) continue;
    auto groups = tiktok::search_all_combinable_packages(*link->api, link->shop);
    if (!groups) {
      errors.push_back(
          json::object{{"shop_id", shop.id},
                       {"message", "combinable packages could not be read: " + groups.err().message}});
      continue;
    }
    if (!groups->empty())
      combinable.push_back(json::object{{"shop_id", shop.id}, {"packages", groups_json(*groups)}});
  }
  std::sort(packages.begin(), packages.end(), [](const auto& a, const auto& b) {
    return a.update_time != b.update_time ? a.update_time > b.update_time : a.id > b.id;
  });
  json::array list;
  for (const auto& p : packages) list.push_back(package_json(p));
  return json_answer(json::object{
      {"packages", std::move(list)}, {"combinable", std::move(combinable)}, {"errors", std::move(errors)}});
}

http::response combine(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* r = std::get_if<http::response>(&body)) return std::move(*r);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  auto shop_id = string_field(o, "shop_id", error);
  if (error) return std::move(*error);
  if (!shop_id) return bad_request("missing_field", "shop_id is required", "shop_id");
  auto ids = string_list(o, "package_ids");
  if (auto* r = std::get_if<http::response>(&ids)) return std::move(*r);
  auto loaded = load_shop(ctx, who, *shop_id);
  if (auto* r = std::get_if<http::response>(&loaded)) return std::move(*r);
  auto& scope = std::get<shop_scope>(loaded);
  // The platform combines what it offered: take the offer of each id to send its orders with it.
  auto offers = tiktok::search_all_combinable_packages(*scope.link.api, scope.link.shop);
  if (!offers) return platform_failure(offers.err(), "combinable packages could not be read");
  std::vector<tiktok::combinable_package> chosen;
  const auto& wanted = std::get<std::vector<std::string>>(ids);
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    auto it = std::find_if(offers->begin(), offers->end(), [&](const auto& p) { return p.id == wanted[i]; });
    if (it == offers->end())
      return http::response::json_error(409, "not_combinable",
                                        "package " + wanted[i] +
                                            " is not offered for combining any more; reload "
                                            "the packages to see the current offers",
                                        "package_ids[" + std::to_string(i) + "]");
    chosen.push_back(*it);
  }
  auto combined = tiktok::combine_packages(*scope.link.api, scope.link.shop, chosen);
  if (!combined) return platform_failure(combined.err(), "the packages could not be combined");
  if (combined->packages.empty() && !combined->errors.empty())
    return http::response::json_error(422, "rejected",
                                      "TikTok Shop refused to combine the packages (code " +
                                          std::to_string(combined->errors.front().code) +
                                          "): " + combined->errors.front().message,
                                      "package_ids");
  std::vector<std::string> new_packages;
  for (const auto& p : combined->packages) new_packages.push_back(p.id);
  refresh_orders(ctx, scope.shop, scope.link, orders_of(chosen), new_packages);
  return json_answer(write_answer(*combined));
}

http::response uncombine(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* r = std::get_if<http::response>(&body)) return std::move(*r);
  auto orders = string_list(std::get<json::object>(body), "order_ids");
  if (auto* r = std::get_if<http::response>(&orders)) return std::move(*r);
  const std::string shop_id(req.path_param("shop_id").value_or(""));
  const std::string package_id(req.path_param("package_id").value_or(""));
  auto loaded = load_shop(ctx, who, shop_id);
  if (auto* r = std::get_if<http::response>(&loaded)) {
    if (r->status == 404) return not_found("package " + package_id);
    return std::move(*r);
  }
  auto& scope = std::get<shop_scope>(loaded);
  auto stored = storage::package_repository(ctx.runtime->database()).get(shop_id, package_id);
  if (!stored) return error_answer(stored.err());
  if (!*stored) return not_found("package " + package_id);
  const auto& ids = std::get<std::vector<std::string>>(orders);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (std::find((*stored)->order_ids.begin(), (*stored)->order_ids.end(), ids[i]) ==
        (*stored)->order_ids.end())
      return bad_request("invalid_field", "order " + ids[i] + " is not in package " + package_id,
                         "order_ids[" + std::to_string(i) + "]");
  auto result = tiktok::uncombine_package(*scope.link.api, scope.link.shop, package_id, ids);
  if (!result) return platform_failure(result.err(), "the package could not be uncombined");
  if (result->packages.empty() && !result->errors.empty())
    return http::response::json_error(422, "rejected",
                                      "TikTok Shop refused to uncombine package " + package_id + " (code " +
                                          std::to_string(result->errors.front().code) +
                                          "): " + result->errors.front().message,
                                      "order_ids");
  std::vector<std::string> touched{package_id};
  for (const auto& p : result->packages) touched.push_back(p.id);
  refresh_orders(ctx, scope.shop, scope.link, (*stored)->order_ids, touched);
  return json_answer(write_answer(*result));
}

}  // namespace kingkung::web::fulfillment
