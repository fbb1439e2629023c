#include "demo_data.hpp"

#include <algorithm>

#include "demo_catalog.hpp"
#include "fulfillment_rules.hpp"
#include "money.hpp"
#include "nfe.hpp"
#include "order_store.hpp"
#include "time_util.hpp"

namespace kingkung::sim::detail {
namespace {

constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

struct buyer {
  std::string user_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string phone_digits;
  std::string cpf;
  const city_info* city = nullptr;
  std::string street;
  std::string number;
  std::string complement;
};

std::string alnum(prng& r, int count, bool upper_only) {
  static constexpr char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static constexpr char mixed[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (upper_only)
      out += upper[r.between(0, sizeof upper - 2)];
    else
      out += mixed[r.between(0, sizeof mixed - 2)];
  }
  return out;
}

std::string make_cpf(prng& r) {
  std::string d;
  do {
    d.clear();
    for (int i = 0; i < 9; ++i) d += static_cast<char>('0' + r.between(0, 9));
  } while (std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; }));
  for (int round = 0; round < 2; ++round) {
    int sum = 0;
    int weight = static_cast<int>(d.size()) + 1;
    for (char c : d) sum += (c - '0') * weight--;
    int rem = sum % 11;
    d += static_cast<char>('0' + (rem < 2 ? 0 : 11 - rem));
  }
  return d;
}

// CNPJ of the demo seller: 12 digits plus the two check digits.
std::string make_cnpj(std::string base12) {
  static constexpr int w1[] = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  static constexpr int w2[] = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (int i = 0; i < 12; ++i) sum += (base12[static_cast<std::size_t>(i)] - '0') * w1[i];
  int r = sum % 11;
  base12 += static_cast<char>('0' + (r < 2 ? 0 : 11 - r));
  sum = 0;
  for (int i = 0; i < 13; ++i) sum += (base12[static_cast<std::size_t>(i)] - '0') * w2[i];
  r = sum % 11;
  base12 += static_cast<char>('0' + (r < 2 ? 0 : 11 - r));
  return base12;
}

money to_local(const region_info& region, std::int64_t usd_cents) {
  money m = usd_cents * region.fx_num / region.fx_den;
  return std::max<money>(m, 1);
}

// Rounds a local price to a whole unit, as sellers price things.
money round_price(money minor, std::string_view currency) {
  if (currency_decimals(currency) == 0) return std::max<money>((minor + 50) / 100 * 100, 100);
  money whole = (minor + 50) / 100;
  return std::max<money>(whole, 1) * 100;
}

class builder {
 public:
  builder(shop_state& shop, prng& r, id_maker ids)
      : shop_(shop), r_(r), ids_(std::move(ids)), region_(region_data(shop.cfg.region)) {}

  buyer make_buyer() {
    buyer b;
    b.user_id = ids_("70", 19);
    b.email = alnum(r_, 6, false) + "@scs.tiktokw.us";
    b.first_name = r_.pick(*region_.first_names);
    b.last_name =
        r_.pick(*region_.last_names) + (region_.language == "en" ? "" : " " + r_.pick(*region_.last_names));
    b.phone_digits = r_.digits(10);
    if (shop_.cfg.region == "BR") b.cpf = make_cpf(r_);
    b.city = &r_.pick(*region_.cities);
    b.street = r_.pick(*region_.streets);
    b.number = region_.region == "BR" && r_.chance(10) ? "s/n" : std::to_string(r_.between(1, 2999));
    if (r_.chance(40))
      b.complement = region_.language == "pt"   ? "Apto " + std::to_string(r_.between(11, 304))
                     : region_.language == "es" ? "Depto " + std::to_string(r_.between(1, 40))
                                                : "Apt " + std::to_string(r_.between(1, 40)) + "B";
    return b;
  }

  address make_address(const buyer& b) const {
    address a;
    const city_info& c = *b.city;
    std::string full_name = b.first_name + " " + b.last_name;
    a.name = full_name;
    if (region_.language == "en") {
      a.first_name = b.first_name;
      a.last_name = b.last_name;
    } else {
      a.first_name = full_name;  // BR and MX keep the whole name in first_name
    }
    a.phone_number =
        std::string(region_.phone_prefix) + b.phone_digits.substr(0, 2) + "****" + b.phone_digits.substr(6);
    a.postal_code = std::string(c.postal_code);
    a.region_code = shop_.cfg.region;
    a.districts.push_back({"L0", "Country", std::string(region_.country)});
    if (!c.state.empty()) a.districts.push_back({"L1", "State", std::string(c.state)});
    if (shop_.cfg.region == "BR") {
      a.line1 = std::string(c.district);
      a.line2 = b.street;
      a.line3 = b.number;
      a.line4 = b.complement;
      a.detail = b.complement;
      a.districts.push_back({"L2", "City", std::string(c.city)});
      a.districts.push_back({"L3", "Neighborhood", std::string(c.district)});
      a.full_address = b.street + ", " + b.number + (b.complement.empty() ? "" : " - " + b.complement) +
                       ", " + std::string(c.district) + ", " + std::string(c.city) + " - " +
                       std::string(c.state_code) + ", " + std::string(c.postal_code) + ", " +
                       std::string(region_.country);
    } else if (shop_.cfg.region == "MX") {
      a.line1 = b.street + " " + b.number;
      a.line2 = std::string(c.district);
      a.detail = b.complement;
      a.districts.push_back({"L2", "Municipality", std::string(c.city)});
      a.districts.push_back({"L3", "Colony", std::string(c.district)});
      a.full_address = a.line1 + (b.complement.empty() ? "" : ", " + b.complement) + ", " +
                       std::string(c.district) + ", " + std::string(c.city) + ", " + std::string(c.state) +
                       ", " + std::string(c.postal_code) + ", " + std::string(region_.country);
    } else {
      a.line1 = b.number + " " + b.street;
      a.line2 = b.complement;
      a.detail = b.complement;
      a.districts.push_back({"L2", "City", std::string(c.city)});
      a.full_address = a.line1 + (b.complement.empty() ? "" : " " + b.complement) + ", " +
                       std::string(c.city) + (c.state_code.empty() ? "" : ", " + std::string(c.state_code)) +
                       " " + std::string(c.postal_code) + ", " + std::string(region_.country);
    }
    return a;
  }

  void make_warehouses() {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"MX/LOCAL", "Bodega CDMX|Bodega Guadalajara"},
        {"MX/CROSS_BORDER", "Shenzhen Cross-border Warehouse|Los Angeles Overseas Warehouse"},
        {"BR/LOCAL", "CD São Paulo|CD Curitiba"},
        {"US/LOCAL", "Los Angeles Warehouse|New Jersey Warehouse"},
    };
    std::string key = shop_.cfg.region + "/" + shop_.cfg.seller_type;
    std::string pair = "Main Warehouse|Second Warehouse";
    for (const auto& [k, v] : names)
      if (k == key) pair = v;
    auto bar = pair.find('|');
    shop_.warehouses.push_back({ids_("69", 19), pair.substr(0, bar)});
    shop_.warehouses.push_back({ids_("69", 19), pair.substr(bar + 1)});
  }

  void make_products(int count, std::int64_t now) {
    const auto& templates = product_templates();
    for (int i = 0; i < count; ++i) {
      const product_template& t = templates[static_cast<std::size_t>(i) % templates.size()];
      const category_info* cat = find_category(t.category_id);
      product p;
      p.id = ids_("1729", 19);
      p.title = std::string(localized_title(t, region_.language));
      if (i >= static_cast<int>(templates.size()))
        p.title += " (" + std::to_string(i / templates.size() + 1) + ")";
      p.description = "<p>" + std::string(t.title_en) + " by " + std::string(t.brand) +
                      ".</p><ul><li>Ships from " + shop_.warehouses.front().name + "</li><li>" +
                      std::string(cat->name) + "</li></ul>";
      p.category_id = std::string(cat->id);
      p.category_name = std::string(cat->name);
      p.brand = std::string(t.brand);
      p.weight_grams = cat->weight_grams;
      p.length_cm = r_.between(10, 40);
      p.width_cm = r_.between(8, 30);
      p.height_cm = r_.between(3, 15);
      p.create_time = now - r_.between(60, 400) * day;
      p.update_time = p.create_time + r_.between(1, 50) * day;
      p.status = "ACTIVATE";
      p.audit_status = "APPROVED";
      if (i == 4) p.status = "SELLER_DEACTIVATED";
      if (i == 6) {
        p.status = "FAILED";
        p.audit_status = "FAILED";
        p.title = "BEST CHEAPEST " + p.title;
        p.audit_failed_reasons = {
            "The title contains exaggerated claims (\"BEST\", \"CHEAPEST\"). Remove them and resubmit."};
      }
      if (i == 9) {
        p.status = "DRAFT";
        p.audit_status = "NONE";
      }
      p.price_locked = i == 2;
      int sku_count = static_cast<int>(r_.between(1, 3));
      money base = round_price(to_local(region_, t.usd_cents), shop_.currency);
      for (int s = 0; s < sku_count; ++s) {
        sku k;
        k.id = ids_("27", 19);
        k.attribute_name = std::string(cat->attribute);
        k.attribute_value = std::string(cat->values[static_cast<std::size_t>(s)]);
        k.seller_sku = shop_.cfg.region + "-" + std::string(t.code) + "-" + std::to_string(100 + i) + "-" +
                       k.attribute_value.substr(0, 3);
        std::transform(k.seller_sku.begin(), k.seller_sku.end(), k.seller_sku.begin(),
                       [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c); });
        k.price = base + (s == 2 ? round_price(base / 10, shop_.currency) : 0);
        k.inventory.push_back({shop_.warehouses[0].id, r_.between(0, 9) == 0 ? 0 : r_.between(5, 500)});
        if (i % 2 == 0) k.inventory.push_back({shop_.warehouses[1].id, r_.between(0, 300)});
        p.skus.push_back(std::move(k));
      }
      shop_.products.emplace(p.id, std::move(p));
    }
  }

  // Products that can be sold now, in creation order.
  std::vector<const product*> sellable() const {
    std::vector<const product*> out;
    for (const auto& [id, p] : shop_.products)
      if (p.status == "ACTIVATE") out.push_back(&p);
    std::sort(out.begin(), out.end(),
              [](const product* a, const product* b) { return a->create_time < b->create_time; });
    return out;
  }

  void add_units(order& o, const product& p, const sku& k, int units, int tax_bp) {
    money seller_discount = r_.chance(25) ? apply_rate(k.price, 1000) : 0;
    money platform_discount = r_.chance(15) ? apply_rate(k.price, 500) : 0;
    for (int u = 0; u < units; ++u) {
      line_item l;
      l.id = ids_("577", 18);
      l.sku_id = k.id;
      l.product_id = p.id;
      l.product_name = p.title;
      l.sku_name = k.attribute_name + ": " + k.attribute_value;
      l.sku_image = "https://sim.invalid/img/" + k.id + ".jpg";
      l.seller_sku = k.seller_sku;
      l.category_id = p.category_id;
      l.original_price = k.price;
      l.seller_discount = seller_discount;
      l.platform_discount = platform_discount;
      l.sale_price = k.price - seller_discount - platform_discount;
      l.tax = apply_rate(l.sale_price, tax_bp);
      o.lines.push_back(std::move(l));
    }
  }

  const product* in_category(const std::vector<const product*>& items, bool limited, int max_limit = 99) {
    std::vector<const product*> fit;
    for (const auto* p : items) {
      const auto* c = find_category(p->category_id);
      int limit = c ? c->mx_cross_border_limit : 0;
      if (limited ? (limit > 0 && limit <= max_limit) : limit == 0) fit.push_back(p);
    }
    return fit.empty() ? nullptr : r_.pick(fit);
  }

  void compose(order& o, order_scenario scenario, int tax_bp) {
    auto items = sellable();
    if (items.empty()) return;
    auto any_sku = [&](const product& p) -> const sku& { return r_.pick(p.skus); };
    bool limits = has_split_limits(shop_);
    switch (scenario) {
      case order_scenario::must_split_category: {
        const product* limited = in_category(items, true, 1);
        if (!limited) limited = in_category(items, true);
        if (limited && limits) {
          int limit = find_category(limited->category_id)->mx_cross_border_limit;
          add_units(o, *limited, any_sku(*limited), limit + 1, tax_bp);
          if (const product* other = in_category(items, false))
            add_units(o, *other, any_sku(*other), 1, tax_bp);
          return;
        }
        break;
      }
      case order_scenario::must_split_total: {
        if (limits) {
          for (int added = 0; added < mx_cross_border_total_limit + 1;) {
            const product* p = in_category(items, false);
            if (!p) break;
            add_units(o, *p, any_sku(*p), 2, tax_bp);
            added += 2;
          }
          if (!o.lines.empty()) return;
        }
        break;
      }
      case order_scenario::multi_sku: {
        const product* a =
            items[static_cast<std::size_t>(r_.between(0, static_cast<std::int64_t>(items.size()) - 1))];
        const product* b =
            items[static_cast<std::size_t>(r_.between(0, static_cast<std::int64_t>(items.size()) - 1))];
        if (a == b && items.size() > 1)
          b = items[(static_cast<std::size_t>(std::find(items.begin(), items.end(), a) - items.begin()) + 1) %
                    items.size()];
        add_units(o, *a, a->skus.front(), 1, tax_bp);
        add_units(o, *b, b->skus.back(), 1, tax_bp);
        if (o.lines[0].sku_id != o.lines[1].sku_id) return;
        o.lines.clear();
        break;
      }
      case order_scenario::multi_unit: {
        std::vector<const product*> open;
        for (const auto* p : items)
          if (const auto* cat = find_category(p->category_id); cat && cat->mx_cross_border_limit == 0)
            open.push_back(p);
        if (open.size() >= 2) {
          auto first = static_cast<std::size_t>(r_.between(0, static_cast<std::int64_t>(open.size()) - 1));
          const product* a = open[first];
          const product* b = open[(first + 1) % open.size()];
          add_units(o, *a, a->skus.front(), 2, tax_bp);
          add_units(o, *b, b->skus.front(), 1, tax_bp);
          return;
        }
        break;
      }
      case order_scenario::single: {
        const product* p = in_category(items, false);
        if (!p) p = items.front();
        add_units(o, *p, any_sku(*p), 1, tax_bp);
        return;
      }
      case order_scenario::random:
        break;
    }
    int distinct = r_.chance(60) ? 1 : r_.chance(75) ? 2 : 3;
    for (int i = 0; i < distinct; ++i) {
      const product* p = r_.pick(items);
      add_units(o, *p, any_sku(*p), r_.chance(80) ? 1 : 2, tax_bp);
    }
    // Random orders stay within the package limits; the must-split scenarios break them on purpose.
    while (o.lines.size() > 1) {
      std::vector<const line_item*> all;
      for (const auto& l : o.lines) all.push_back(&l);
      if (broken_limits(shop_, all).empty()) break;
      o.lines.pop_back();
    }
  }

  order make_order(const buyer& b, std::int64_t create_time, std::string_view status, order_scenario scenario,
                   std::int64_t now) {
    order o;
    o.id = ids_("576", 18);
    o.status = std::string(status);
    o.currency = shop_.currency;
    o.create_time = create_time;
    o.user_id = b.user_id;
    o.buyer_email = b.email;
    o.recipient = make_address(b);
    o.fulfillment_type = "FULFILLMENT_BY_SELLER";
    o.delivery_type = "HOME_DELIVERY";
    o.warehouse_id = shop_.warehouses.front().id;
    o.shipping_type = shop_.cfg.region == "US" && r_.chance(15) ? "SELLER" : "TIKTOK";
    o.delivery_option_id = o.shipping_type == "SELLER" ? "7091146663229654786" : "7091146663229654785";
    o.delivery_option_name = o.shipping_type == "SELLER" ? "Shipped by seller" : "Standard Shipping";
    o.buyer_message = r_.chance(15) ? (region_.language == "pt"   ? "Por favor, embale bem."
                                       : region_.language == "es" ? "Por favor envíen rápido."
                                                                  : "Please ship asap!")
                                    : "";
    if (shop_.cfg.region == "BR") {
      o.cpf = b.cpf;
      o.cpf_name = b.first_name + " " + b.last_name;
      o.need_upload_invoice = "NEED_INVOICE";
    } else {
      o.need_upload_invoice = "NO_NEED";
    }
    compose(o, scenario, b.city->tax_basis_points);
    money product_total = 0;
    for (const auto& l : o.lines) product_total += l.sale_price;
    o.original_shipping_fee = round_price(to_local(region_, region_.shipping_fee_usd_cents), shop_.currency) -
                              (currency_decimals(shop_.currency) == 0 ? 0 : 1);
    if (product_total > 40 * o.original_shipping_fee / 4 && r_.chance(60))
      o.shipping_fee_seller_discount = o.original_shipping_fee;
    else if (r_.chance(20))
      o.shipping_fee_platform_discount = o.original_shipping_fee / 2;
    money shipping_fee =
        o.original_shipping_fee - o.shipping_fee_seller_discount - o.shipping_fee_platform_discount;
    o.shipping_fee_tax = apply_rate(shipping_fee, b.city->tax_basis_points);
    if (b.city->retail_delivery_fee_cents > 0)
      o.retail_delivery_fee = to_local(region_, b.city->retail_delivery_fee_cents);
    apply_timeline(o, now);
    return o;
  }

  // Fills the times that the status implies, all in [create_time, now].
  void apply_timeline(order& o, std::int64_t now) {
    std::int64_t t = o.create_time;
    std::int64_t room = std::max<std::int64_t>(now - t, 60);
    auto step = [&](int percent) {
      t += std::max<std::int64_t>(1, room * percent / 100);
      return std::min(t, now);
    };
    o.cancel_order_sla_time = o.create_time + day;
    const std::string& s = o.status;
    bool paid = s != "UNPAID" && !(s == "CANCELLED" && r_.chance(50));
    if (paid) {
      o.paid_time = step(2);
      o.rts_sla_time = o.paid_time + 2 * day;
      o.tts_sla_time = o.paid_time + 4 * day;
      o.shipping_due_time = o.paid_time + 2 * day;
      o.collection_due_time = o.paid_time + 3 * day;
      o.delivery_due_time = o.paid_time + 10 * day;
    }
    o.is_on_hold_order = s == "ON_HOLD";
    if (order_is_shipped(s)) o.rts_time = step(20);
    if (s == "IN_TRANSIT" || s == "DELIVERED" || s == "COMPLETED") o.collection_time = step(20);
    if (s == "DELIVERED" || s == "COMPLETED") o.delivery_time = step(40);
    if (s == "CANCELLED") {
      o.cancel_time = step(10);
      static const std::vector<std::pair<std::string, std::string>> reasons = {
          {"Buyer changed mind", "BUYER"},
          {"Out of stock", "SELLER"},
          {"Payment not completed in time", "SYSTEM"}};
      const auto& [reason, who] = r_.pick(reasons);
      o.cancel_reason = paid || who != "SYSTEM" ? reason : "Payment not completed in time";
      o.cancellation_initiator = paid || who != "SYSTEM" ? who : "SYSTEM";
      for (auto& l : o.lines) {
        l.cancel_reason = o.cancel_reason;
        l.cancel_user = o.cancellation_initiator;
      }
    }
    o.update_time =
        std::max({o.create_time, o.paid_time, o.rts_time, o.collection_time, o.delivery_time, o.cancel_time});
  }

  package& new_package(order& o, const std::vector<const line_item*>& lines, std::int64_t created,
                       std::string tag) {
    package p;
    p.id = ids_("115", 19);
    p.status = "PROCESSING";
    p.split_combine_tag = std::move(tag);
    p.order_ids = {o.id};
    for (const auto* l : lines) p.line_item_ids.push_back(l->id);
    p.create_time = created;
    p.update_time = created;
    p.shipping_type = o.shipping_type;
    for (auto& l : o.lines)
      if (std::find(p.line_item_ids.begin(), p.line_item_ids.end(), l.id) != p.line_item_ids.end())
        l.package_id = p.id;
    o.package_ids.push_back(p.id);
    auto [it, inserted] = shop_.packages.emplace(p.id, std::move(p));
    return it->second;
  }

  // Packages for a generated order, consistent with its status.
  void make_packages(order& o, std::set<std::string>& used_keys) {
    if (o.paid_time == 0 || o.status == "UNPAID" || o.status == "ON_HOLD" || o.lines.empty()) return;
    std::vector<const line_item*> all;
    for (const auto& l : o.lines) all.push_back(&l);
    bool shipped = order_is_shipped(o.status);
    std::vector<std::vector<const line_item*>> groups{all};
    if (shipped && !broken_limits(shop_, all).empty()) {
      groups = groups_within_limits(shop_, all);
      o.split_or_combine_tag = "SPLIT";
    }
    const auto& carriers = *region_.carriers;
    const auto& carrier = r_.pick(carriers);
    for (const auto& g : groups) {
      package& p = new_package(o, g, o.paid_time, groups.size() > 1 ? "SPLIT" : "DEFAULT");
      if (shipped) {
        p.ship_time = o.rts_time;
        p.update_time = o.update_time;
        p.tracking_number = tracking_number_for(shop_, p.id);
        p.shipping_provider_id = carrier.second;
        p.shipping_provider_name = carrier.first;
        p.handover_method = "PICKUP";
        if (shop_.cfg.region == "BR") {
          invoice inv;
          inv.status = "SUCCESS";
          inv.access_key = demo_access_key(r_, o.paid_time);
          inv.order_ids = {o.id};
          inv.uploaded_at = o.paid_time + (o.rts_time - o.paid_time) / 2;
          inv.settle_at = inv.uploaded_at;
          used_keys.insert(inv.access_key);
          p.invoice_record = std::move(inv);
        }
      }
      p.status = package_status_for(o.status, shipped);
      if (o.status == "CANCELLED") p.update_time = o.cancel_time;
    }
    if (shipped) {
      o.tracking_number = shop_.packages[o.package_ids.front()].tracking_number;
      o.shipping_provider = carrier.first;
      o.shipping_provider_id = carrier.second;
      if (shop_.cfg.region == "BR") o.need_upload_invoice = "INVOICE_UPLOADED";
    }
  }

  shop_state& shop_;
  prng& r_;
  id_maker ids_;
  const region_info& region_;
};

std::string status_for_age(prng& r, std::int64_t age) {
  int roll = static_cast<int>(r.between(0, 99));
  if (age < 2 * hour) return roll < 25 ? "UNPAID" : roll < 35 ? "ON_HOLD" : "AWAITING_SHIPMENT";
  if (age < 3 * day) return roll < 70 ? "AWAITING_SHIPMENT" : roll < 88 ? "AWAITING_COLLECTION" : "CANCELLED";
  if (age < 7 * day)
    return roll < 20   ? "AWAITING_COLLECTION"
           : roll < 70 ? "IN_TRANSIT"
           : roll < 92 ? "DELIVERED"
                       : "CANCELLED";
  return roll < 30 ? "DELIVERED" : roll < 92 ? "COMPLETED" : "CANCELLED";
}

}  // namespace

std::vector<std::vector<const line_item*>> groups_within_limits(const shop_state& shop,
                                                                const std::vector<const line_item*>& lines) {
  std::vector<std::vector<const line_item*>> groups;
  for (const auto* l : lines) {
    bool placed = false;
    for (auto& g : groups) {
      g.push_back(l);
      if (broken_limits(shop, g).empty()) {
        placed = true;
        break;
      }
      g.pop_back();
    }
    if (!placed) groups.push_back({l});
  }
  return groups;
}

std::string tracking_number_for(const shop_state& shop, std::string_view package_id) {
  prng r(hash_text(package_id));
  return "TT" + shop.cfg.region + r.digits(14);
}

std::string demo_access_key(prng& random, std::int64_t issued_at) {
  utc_fields f = to_utc(issued_at);
  char yymm[8];
  std::snprintf(yymm, sizeof yymm, "%02d%02d", f.year % 100, f.month);
  std::string key = "35";  // SP
  key += yymm;
  key += make_cnpj("123456780001");
  key += "55";   // model NF-e
  key += "001";  // series
  key += random.digits(9);
  key += "1";  // normal emission
  key += random.digits(8);
  key += access_key_check_digit(key);
  return key;
}

void generate_shop(shop_state& shop, std::uint64_t seed, std::int64_t now, std::set<std::string>& used_keys) {
  prng r(mix(seed, hash_text(shop.cfg.key) ^ hash_text(shop.cfg.id)));
  const region_info& region = region_data(shop.cfg.region);
  shop.currency = std::string(region.currency);
  bool cross_border = shop.cfg.seller_type == "CROSS_BORDER";
  shop.cipher = (cross_border ? "GCP_" : "ROW_") + alnum(r, 32, false);
  shop.code = shop.cfg.region + (cross_border ? "CB" : "LC") + alnum(r, 8, true);
  builder b(shop, r, [&r](std::string_view prefix, int digits) {
    return std::string(prefix) + r.digits(digits - static_cast<int>(prefix.size()));
  });
  b.make_warehouses();
  b.make_products(std::max(shop.cfg.products, 1), now);

  int count = std::max(shop.cfg.orders, 0);
  std::vector<buyer> buyers;
  int buyer_count = std::max(3, count * 7 / 10);
  for (int i = 0; i < buyer_count; ++i) buyers.push_back(b.make_buyer());

  struct plan {
    std::int64_t create_time;
    std::string status;
  };
  std::vector<plan> plans;
  // Enough recent orders await shipment for every fulfilment case to appear; the rest spread over
  // the life cycle by age.
  int awaiting_wanted = std::min(count, std::max(8, count / 4));
  for (int i = 0; i < count; ++i) {
    if (i < awaiting_wanted) {
      plans.push_back({now - r.between(10 * 60, 3 * day - hour), "AWAITING_SHIPMENT"});
      continue;
    }
    std::int64_t age = r.between(5 * 60, 30 * day - hour);
    plans.push_back({now - age, status_for_age(r, age)});
  }
  std::sort(plans.begin(), plans.end(),
            [](const plan& a, const plan& b2) { return a.create_time > b2.create_time; });

  // The newest orders awaiting shipment show each fulfilment case, and two of them share a buyer so
  // the platform offers to combine them.
  static const std::vector<order_scenario> mx_cases = {order_scenario::must_split_category,
                                                       order_scenario::must_split_total,
                                                       order_scenario::multi_sku,
                                                       order_scenario::random,
                                                       order_scenario::single,
                                                       order_scenario::random};
  static const std::vector<order_scenario> other_cases = {order_scenario::multi_sku, order_scenario::random,
                                                          order_scenario::single, order_scenario::random};
  const auto& cases = has_split_limits(shop) ? mx_cases : other_cases;
  std::size_t combine_first = has_split_limits(shop) ? 2 : 0;
  std::size_t awaiting = 0;
  const buyer* shared = nullptr;
  for (const auto& p : plans) {
    order_scenario scenario = order_scenario::random;
    const buyer* who = &r.pick(buyers);
    if (p.status == "AWAITING_SHIPMENT") {
      scenario = cases[awaiting % cases.size()];
      if (awaiting == combine_first) shared = who;
      if (awaiting == combine_first + 1 && shared) who = shared;
      ++awaiting;
    }
    order o = b.make_order(*who, p.create_time, p.status, scenario, now);
    if (o.lines.empty()) continue;
    b.make_packages(o, used_keys);
    insert_order(shop, std::move(o));
  }
}

std::vector<std::string> place_orders(shop_state& shop, prng& random, const id_maker& ids, std::int64_t now,
                                      int count, std::string_view status, order_scenario scenario) {
  builder b(shop, random, ids);
  std::vector<std::string> out;
  for (int i = 0; i < count; ++i) {
    buyer who = b.make_buyer();
    order o = b.make_order(who, now, status, scenario, now);
    if (o.lines.empty()) continue;
    if (o.status != "UNPAID") {
      o.paid_time = now;
      o.rts_sla_time = now + 2 * day;
      o.tts_sla_time = now + 4 * day;
      o.shipping_due_time = now + 2 * day;
      o.collection_due_time = now + 3 * day;
      o.delivery_due_time = now + 10 * day;
    }
    o.update_time = now;
    if (o.status == "AWAITING_SHIPMENT") open_package(shop, o, ids, now);
    out.push_back(o.id);
    insert_order(shop, std::move(o));
  }
  return out;
}

void open_package(shop_state& shop, order& o, const id_maker& ids, std::int64_t now) {
  if (!o.package_ids.empty() || o.lines.empty()) return;
  package p;
  p.id = ids("115", 19);
  p.status = "PROCESSING";
  p.split_combine_tag = "DEFAULT";
  p.order_ids = {o.id};
  for (auto& l : o.lines) {
    p.line_item_ids.push_back(l.id);
    l.package_id = p.id;
  }
  p.create_time = now;
  p.update_time = now;
  p.shipping_type = o.shipping_type;
  o.package_ids.push_back(p.id);
  shop.packages.emplace(p.id, std::move(p));
}

}  // namespace kingkung::sim::detail
