// Search Products, Get Product, Partial Edit Product, Update Inventory and Update Price
// (docs/tiktok-shop-api.md, section 5.3).
#include <algorithm>
#include <set>

#include "handlers.hpp"
#include "query_params.hpp"
#include "views.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr std::int64_t audit_seconds = 5;
constexpr std::int64_t max_quantity = 99'999;

bool valid_search_status(std::string_view s) {
  static const std::set<std::string_view> values = {
      "ALL",    "DRAFT",  "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED",
      "FREEZE", "DELETED"};
  return values.count(s) > 0;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// Title length rules per region: BR/MX [1,300]; US/UK/EU/JP [1,255]; others [25,255].
std::optional<api_error> check_title(const shop_state& shop, const std::string& title) {
  static const std::set<std::string_view> long_titles = {"BR", "MX"};
  static const std::set<std::string_view> short_ok = {"US", "GB", "DE", "FR", "ES", "IT", "IE", "JP"};
  std::size_t n = utf8_length(title);
  if (n == 0) return err::title_empty;
  std::size_t max = long_titles.count(shop.cfg.region) ? 300 : 255;
  std::size_t min = long_titles.count(shop.cfg.region) || short_ok.count(shop.cfg.region) ? 1 : 25;
  if (n > max) return err::title_too_long;
  if (n < min) return err::product_invalid_param;
  return std::nullopt;
}

product* find_product(call& c) {
  auto it = c.shop->products.find(c.params.at(0));
  return it == c.shop->products.end() ? nullptr : &it->second;
}

sku* find_sku(product& p, const std::string& id) {
  for (auto& k : p.skus)
    if (k.id == id) return &k;
  return nullptr;
}

bool warehouse_exists(const shop_state& shop, const std::string& id) {
  return std::any_of(shop.warehouses.begin(), shop.warehouses.end(),
                     [&](const warehouse& w) { return w.id == id; });
}

json::object item_error(const api_error& e, json::object detail) {
  return {{"code", e.code}, {"message", e.message}, {"detail", std::move(detail)}};
}

struct price_check {
  std::optional<money> amount;
  std::optional<api_error> error;
};

price_check read_price(const shop_state& shop, const json::object& price) {
  auto amount = get_string(price, "amount");
  if (!amount) amount = get_string(price, "sale_price");
  auto currency = get_string(price, "currency");
  if (currency && *currency != shop.currency) return {std::nullopt, err::currency_not_available};
  if (!amount) return {std::nullopt, err::price_format};
  auto parsed = parse_money(*amount, shop.currency);
  if (!parsed || *parsed <= 0) return {std::nullopt, err::price_format};
  // MX local sellers: 1 to 50,000 MXN.
  if (shop.cfg.region == "MX" && shop.cfg.seller_type == "LOCAL" && (*parsed < 100 || *parsed > 50'000'00))
    return {std::nullopt, err::price_out_of_range};
  return {parsed, std::nullopt};
}

}  // namespace

reply search_products(call& c) {
  const json::object& body = c.body_object();
  auto status = get_string(body, "status");
  if (has(body, "status") && (!status || !valid_search_status(*status)))
    return reply::fail(err::product_invalid_param);
  auto seller_skus = get_strings(body, "seller_skus");
  auto sku_ids = get_strings(body, "sku_ids");
  if ((has(body, "seller_skus") && !seller_skus) || (has(body, "sku_ids") && !sku_ids))
    return reply::fail(err::product_invalid_param);
  if (seller_skus && seller_skus->size() > 10) return reply::fail(err::too_many_seller_skus);
  if (sku_ids && sku_ids->size() > 10) return reply::fail(err::too_many_sku_ids);
  std::optional<std::int64_t> bounds[4];
  const char* keys[4] = {"create_time_ge", "create_time_le", "update_time_ge", "update_time_le"};
  for (int i = 0; i < 4; ++i) {
    if (!has(body, keys[i])) continue;
    bounds[i] = get_int(body, keys[i]);
    if (!bounds[i]) return reply::fail(err::product_invalid_param);
  }
  auto paging = read_paging(c, json::serialize(body));
  if (!paging) return reply::fail(err::product_invalid_param);

  std::vector<const product*> matching;
  for (const auto& entry : c.shop->products) {
    const product& p = entry.second;  // a named reference, not a structured binding: lambdas below capture it
    std::string wanted = status.value_or("ALL");
    if (wanted == "ALL" ? p.status == "DELETED" : p.status != wanted) continue;
    if (bounds[0] && p.create_time < *bounds[0]) continue;
    if (bounds[1] && p.create_time > *bounds[1]) continue;
    if (bounds[2] && p.update_time < *bounds[2]) continue;
    if (bounds[3] && p.update_time > *bounds[3]) continue;
    auto any_sku = [&](auto pred) { return std::any_of(p.skus.begin(), p.skus.end(), pred); };
    if (seller_skus && !any_sku([&](const sku& k) {
          return std::find(seller_skus->begin(), seller_skus->end(), k.seller_sku) != seller_skus->end();
        }))
      continue;
    if (sku_ids && !any_sku([&](const sku& k) {
          return std::find(sku_ids->begin(), sku_ids->end(), k.id) != sku_ids->end();
        }))
      continue;
    matching.push_back(&p);
  }
  if (matching.size() > 10'000) return reply::fail(err::search_cap);
  auto page = take_page<product>(
      std::move(matching), [](const product& p) { return p.create_time; },
      [](const product& p) -> const std::string& { return p.id; }, true, paging->page_size, paging->after,
      paging->fingerprint, page_token_key(c.core));
  json::array products;
  for (const auto* p : page.items) products.push_back(product_summary_json(*c.shop, *p));
  return reply::ok(json::object{{"total_count", page.total_count},
                                {"next_page_token", page.next_page_token},
                                {"products", std::move(products)}});
}

reply get_product(call& c) {
  product* p = find_product(c);
  if (!p || p->status == "DELETED") return reply::fail(err::product_not_found);
  return reply::ok(product_detail_json(*c.shop, *p));
}

reply partial_edit_product(call& c) {
  product* p = find_product(c);
  if (!p || p->status == "DELETED") return reply::fail(err::product_does_not_exist);
  const json::object& body = c.body_object();
  std::string save_mode = "LISTING";
  if (has(body, "save_mode")) {
    auto mode = get_string(body, "save_mode");
    if (!mode || (*mode != "LISTING" && *mode != "AS_DRAFT")) return reply::fail(err::product_invalid_param);
    save_mode = *mode;
  }
  std::optional<std::string> title, description;
  if (has(body, "title")) {
    title = get_string(body, "title");
    if (!title) return reply::fail(err::product_invalid_param);
    if (auto e = check_title(*c.shop, *title)) return reply::fail(*e);
  }
  if (has(body, "description")) {
    description = get_string(body, "description");
    if (!description) return reply::fail(err::product_invalid_param);
  }
  std::optional<std::vector<sku>> new_skus;
  if (has(body, "skus")) {
    const json::array* items = get_array(body, "skus");
    if (!items) return reply::fail(err::product_invalid_param);
    if (items->empty()) return reply::fail(err::sku_list_empty);
    if (items->size() > 300) return reply::fail(api_error{12052558, "Number of product skus exceed limit."});
    new_skus.emplace();
    for (const auto& v : *items) {
      const json::object* item = v.if_object();
      if (!item) return reply::fail(err::product_invalid_param);
      sku k;
      if (auto id = get_string(*item, "id"); id && !id->empty()) {
        const sku* existing = find_sku(*p, *id);
        if (!existing) return reply::fail(err::sku_not_in_product);
        k = *existing;
      } else {
        k.id = c.core.next_id("27", 19);
        k.attribute_name = p->skus.empty() ? "Variant" : p->skus.front().attribute_name;
      }
      if (auto seller_sku = get_string(*item, "seller_sku")) k.seller_sku = *seller_sku;
      if (const auto* attrs = get_array(*item, "sales_attributes"); attrs && !attrs->empty())
        if (const auto* first = (*attrs)[0].if_object()) {
          if (auto name = get_string(*first, "name")) k.attribute_name = *name;
          if (auto value = get_string(*first, "value_name")) k.attribute_value = *value;
        }
      if (const auto* price = get_object(*item, "price")) {
        auto checked = read_price(*c.shop, *price);
        if (checked.error) return reply::fail(*checked.error);
        k.price = *checked.amount;
      } else if (k.price == 0) {
        return reply::fail(err::price_format);
      }
      if (const auto* inventory = get_array(*item, "inventory")) {
        k.inventory.clear();
        for (const auto& e : *inventory) {
          const json::object* entry = e.if_object();
          auto wid = entry ? get_string(*entry, "warehouse_id") : std::nullopt;
          std::int64_t qty = entry ? get_int(*entry, "quantity").value_or(-1) : -1;
          if (!wid || !warehouse_exists(*c.shop, *wid)) return reply::fail(err::warehouse_unknown);
          if (qty < 0 || qty > max_quantity) return reply::fail(err::stock_invalid);
          k.inventory.push_back({*wid, qty});
        }
      } else if (k.inventory.empty()) {
        return reply::fail(api_error{12019022, "SKU must contain a valid warehouse."});
      }
      new_skus->push_back(std::move(k));
    }
  }

  bool content_changed = (title && *title != p->title) || (description && *description != p->description);
  if (title) p->title = *title;
  if (description) p->description = *description;
  if (new_skus) p->skus = std::move(*new_skus);  // SKUs left out are deleted
  p->update_time = c.now;
  if (save_mode == "AS_DRAFT") {
    if (p->status == "FAILED" || p->status == "DRAFT") p->status = "DRAFT";
  } else if (content_changed || p->status == "FAILED" || p->status == "DRAFT") {
    // Title and description edits are audited again; price and stock edits are not.
    p->audit_status = "AUDITING";
    p->audit_settle_at = c.now + audit_seconds;
    c.core.state.due.add(p->audit_settle_at, {c.shop->cfg.key, due_kind::product_audit, p->id});
    if (p->status != "SELLER_DEACTIVATED" && p->status != "PLATFORM_DEACTIVATED") p->status = "PENDING";
  }
  c.changed = true;
  json::array skus;
  for (const auto& k : p->skus)
    skus.push_back(json::object{
        {"id", k.id},
        {"seller_sku", k.seller_sku},
        {"sales_attributes", json::array{{{"name", k.attribute_name}, {"value_name", k.attribute_value}}}},
        {"external_sku_id", ""}});
  return reply::ok(json::object{
      {"product_id", p->id}, {"skus", std::move(skus)}, {"audit", {{"status", p->audit_status}}}});
}

reply update_inventory(call& c) {
  product* p = find_product(c);
  if (!p || p->status == "DELETED") return reply::fail(err::product_does_not_exist);
  if (p->status != "ACTIVATE") return reply::fail(err::product_status_invalid);
  const json::array* items = get_array(c.body_object(), "skus");
  if (!items || items->empty()) return reply::fail(err::product_invalid_param);
  json::array errors;
  for (const auto& v : *items) {
    const json::object* item = v.if_object();
    auto id = item ? get_string(*item, "id") : std::nullopt;
    if (!id || id->empty()) {
      errors.push_back(item_error(err::sku_id_required, {{"sku_id", ""}}));
      continue;
    }
    sku* k = find_sku(*p, *id);
    if (!k) {
      errors.push_back(item_error(err::sku_not_in_product, {{"sku_id", *id}}));
      continue;
    }
    const json::array* inventory = get_array(*item, "inventory");
    if (!inventory || inventory->empty()) {
      errors.push_back(item_error(err::stock_invalid, {{"sku_id", *id}}));
      continue;
    }
    std::vector<inventory_entry> updates;
    json::array extra;
    for (const auto& e : *inventory) {
      const json::object* entry = e.if_object();
      std::string wid;
      if (entry) {
        if (auto w = get_string(*entry, "warehouse_id"))
          wid = *w;
        else if (k->inventory.size() == 1)
          wid = k->inventory.front().warehouse_id;  // may be omitted then
      }
      std::int64_t qty = entry ? get_int(*entry, "quantity").value_or(-1) : -1;
      bool known = std::any_of(k->inventory.begin(), k->inventory.end(),
                               [&](const inventory_entry& x) { return x.warehouse_id == wid; });
      if (wid.empty() && k->inventory.size() > 1) {
        extra.push_back(json::object{{"warehouse_id", ""},
                                     {"code", err::multiple_warehouses.code},
                                     {"message", err::multiple_warehouses.message}});
      } else if (!known) {
        extra.push_back(json::object{{"warehouse_id", wid},
                                     {"code", err::warehouse_unknown.code},
                                     {"message", err::warehouse_unknown.message}});
      } else if (qty < 1 || qty > max_quantity) {
        extra.push_back(json::object{{"warehouse_id", wid},
                                     {"code", err::stock_invalid.code},
                                     {"message", err::stock_invalid.message}});
      } else {
        updates.push_back({wid, qty});
      }
    }
    if (!extra.empty()) {
      errors.push_back(item_error(err::check_failed, {{"sku_id", *id}, {"extra_errors", std::move(extra)}}));
      continue;
    }
    // Every warehouse of a multi-warehouse SKU must be listed.
    bool all_listed = std::all_of(k->inventory.begin(), k->inventory.end(), [&](const inventory_entry& x) {
      return std::any_of(updates.begin(), updates.end(),
                         [&](const inventory_entry& u) { return u.warehouse_id == x.warehouse_id; });
    });
    if (!all_listed) {
      errors.push_back(item_error(err::multiple_warehouses, {{"sku_id", *id}}));
      continue;
    }
    for (auto& entry : k->inventory)
      for (const auto& u : updates)
        if (u.warehouse_id == entry.warehouse_id) entry.quantity = u.quantity;
    p->update_time = c.now;
    c.changed = true;
  }
  json::object data;
  if (!errors.empty()) data["errors"] = std::move(errors);
  return reply::ok(std::move(data));
}

reply update_prices(call& c) {
  product* p = find_product(c);
  if (!p || p->status == "DELETED") return reply::fail(err::product_does_not_exist);
  if (p->price_locked) return reply::fail(err::price_locked);
  const json::array* items = get_array(c.body_object(), "skus");
  if (!items || items->empty()) return reply::fail(err::product_invalid_param);
  std::vector<std::pair<sku*, money>> changes;
  for (const auto& v : *items) {
    const json::object* item = v.if_object();
    auto id = item ? get_string(*item, "id") : std::nullopt;
    if (!id || id->empty()) return reply::fail(err::sku_id_required);
    sku* k = find_sku(*p, *id);
    if (!k) return reply::fail(err::sku_not_in_product);
    const json::object* price = get_object(*item, "price");
    if (!price) return reply::fail(err::price_format);
    auto checked = read_price(*c.shop, *price);
    if (checked.error) return reply::fail(*checked.error);
    changes.emplace_back(k, *checked.amount);
  }
  for (auto& [k, amount] : changes) k->price = amount;
  p->update_time = c.now;
  c.changed = true;
  return reply::ok();
}

}  // namespace kingkung::sim::detail
