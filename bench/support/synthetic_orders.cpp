#include "support/synthetic_orders.hpp"

#include <array>
#include <stdexcept>

#include "kingkung/storage/order_repository.hpp"

namespace kingkung::bench {
namespace {

// splitmix64: a well-mixed value per (index, salt) without keeping generator state.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t draw(std::int64_t index, std::uint64_t salt, std::uint64_t below) {
  return mix(static_cast<std::uint64_t>(index) * 0x100000001b3ULL + salt) % below;
}

constexpr std::array statuses{domain::order_status::unpaid,
                              domain::order_status::awaiting_shipment,
                              domain::order_status::awaiting_collection,
                              domain::order_status::in_transit,
                              domain::order_status::delivered,
                              domain::order_status::completed,
                              domain::order_status::completed,
                              domain::order_status::completed,
                              domain::order_status::cancelled,
                              domain::order_status::on_hold};
constexpr std::array first_names{"Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gabriela", "Hugo"};
constexpr std::array last_names{"Silva", "Garcia",   "Martinez", "Souza",
                                "Lopez", "Oliveira", "Perez",    "Costa"};

}  // namespace

std::string synthetic_order_id(std::int64_t index) {
  return std::to_string(576000000000000000LL + index * 7919);
}

domain::order synthetic_order(const std::string& shop_id, std::int64_t order_index, std::int64_t period) {
  const std::int64_t index = order_index % period;  // content; ids come from order_index
  domain::order o;
  o.shop_id = shop_id;
  o.id = synthetic_order_id(order_index);
  o.status = statuses[draw(index, 1, statuses.size())];
  o.status_text = std::string(domain::to_string(o.status));
  o.create_time = synthetic_now - static_cast<std::int64_t>(draw(index, 2, 365 * 86400));
  o.update_time = o.create_time + static_cast<std::int64_t>(draw(index, 3, 5 * 86400));
  o.paid_time = o.status == domain::order_status::unpaid ? 0 : o.create_time + 60;
  o.rts_sla_time = o.create_time + 2 * 86400;
  o.shipping_due_time = o.rts_sla_time;
  // Each copy of the content gets buyers of its own (copy k draws from [700000 k, 700000 (k + 1))): a
  // copied shop has as many buyers as a real one, not the template's buyers with ever more orders each.
  const std::int64_t buyer =
      static_cast<std::int64_t>(draw(index, 4, 700000)) + 700000 * (order_index / period);
  o.buyer_user_id = std::to_string(7238841052293300000LL + buyer);
  o.buyer_email = "v2buyer-" + std::to_string(buyer) + "@scs.tiktokw.us";
  o.shipping_type = "TIKTOK";
  o.fulfillment_type = "FULFILLMENT_BY_SELLER";
  o.delivery_option_name = "Standard shipping";
  o.shipping_provider = "USPS";
  o.warehouse_id = "7291846622100393733";
  o.delivery_type = "HOME_DELIVERY";
  o.order_type = "NORMAL";
  o.commerce_platform = "TIKTOK_SHOP";
  o.is_on_hold_order = o.status == domain::order_status::on_hold;
  if (o.status == domain::order_status::in_transit || o.status == domain::order_status::delivered ||
      o.status == domain::order_status::completed)
    o.tracking_number = "9400" + std::to_string(100000000000LL + order_index);

  const std::string first = first_names[draw(index, 5, first_names.size())];
  const std::string last = last_names[draw(index, 6, last_names.size())];
  o.recipient.name = first + " " + last;
  o.recipient.first_name = first;
  o.recipient.last_name = last;
  o.recipient.phone_number = "(+1)213*****" + std::to_string(10 + draw(index, 7, 89));
  o.recipient.full_address = std::to_string(100 + draw(index, 8, 9000)) + " Main St, Los Angeles, CA 90012";
  o.recipient.postal_code = "90012";
  o.recipient.region_code = "US";
  o.recipient.address_line1 = "Main St";

  const int lines = 1 + static_cast<int>(draw(index, 9, 3));
  std::int64_t total = 0;
  for (int i = 0; i < lines; ++i) {
    domain::line_item l;
    l.id = std::to_string(577000000000000000LL + order_index * 4 + i);
    const auto sku = draw(index, 10 + static_cast<std::uint64_t>(i), 400);
    l.sku_id = std::to_string(1729000000000000000LL + static_cast<std::int64_t>(sku));
    l.product_id = std::to_string(1729500000000000000LL + static_cast<std::int64_t>(sku / 4));
    l.product_name = "Product " + std::to_string(sku / 4);
    l.sku_name = "Size " + std::to_string(sku % 4);
    l.seller_sku = "SKU-" + std::to_string(sku);
    const auto price =
        static_cast<std::int64_t>(50000 + draw(index, 20 + static_cast<std::uint64_t>(i), 2000000));
    l.original_price = decimal::from_units(price);
    l.sale_price = decimal::from_units(price);
    l.currency = "USD";
    l.display_status = o.status_text;
    l.sku_type = "NORMAL";
    total += price;
    o.lines.push_back(std::move(l));
  }
  o.pay.currency = "USD";
  o.pay.sub_total = decimal::from_units(total);
  o.pay.original_total_product_price = decimal::from_units(total);
  o.pay.shipping_fee = decimal::from_units(59900);
  o.pay.total_amount = decimal::from_units(total + 59900);
  // The platform's order object is kept as received; about 2 KB for an order like these.
  o.raw_json = R"({"id":")" + o.id + R"(","status":")" + o.status_text + R"(","create_time":)" +
               std::to_string(o.create_time) + R"(,"update_time":)" + std::to_string(o.update_time) +
               R"(,"user_id":")" + o.buyer_user_id + R"(","recipient_address":{"name":")" + o.recipient.name +
               R"("},"line_items":[)";
  for (const auto& l : o.lines)
    o.raw_json += R"({"id":")" + l.id + R"(","sku_id":")" + l.sku_id + R"(","product_name":")" +
                  l.product_name + R"(","sale_price":")" + l.sale_price.to_string() +
                  R"(","sku_image":"https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/)" +
                  std::string(160, 'a') + R"(~tplv-o3syd03w52-origin-jpeg.jpeg"},)";
  o.raw_json.back() = ']';
  o.raw_json +=
      R"(,"payment":{"currency":"USD","total_amount":")" + o.pay.total_amount.to_string() + R"("}})";
  return o;
}

void load_synthetic_orders(storage::database& db, const std::string& shop_id, std::int64_t from,
                           std::int64_t to, std::size_t batch,
                           const std::function<void(std::int64_t)>& progress, std::int64_t period) {
  storage::order_repository repository(db);
  std::vector<domain::order> orders;
  orders.reserve(batch);
  for (std::int64_t next = from; next < to;) {
    orders.clear();
    for (; next < to && orders.size() < batch; ++next)
      orders.push_back(synthetic_order(shop_id, next, period));
    auto stored = repository.upsert(orders);
    if (!stored)
      throw std::runtime_error("upsert of orders before #" + std::to_string(next) + ": " +
                               stored.err().message);
    if (progress) progress(next);
  }
}

}  // namespace kingkung::bench
