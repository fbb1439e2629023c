#include "api/orders/order_page_json.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <stdexcept>

#include "api/orders/order_json.hpp"

namespace kingkung::web::orders {
namespace {

// What each byte becomes inside a JSON string: 0 as is, 'u' as \u00XX, any other letter as \<letter>.
constexpr std::array<char, 256> escapes = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

void append_integer(std::string& out, std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;  // 24 characters hold every int64
  out.append(buf, end);
}

// ,"key": (keys are ASCII literals with nothing to escape)
void append_key(std::string& out, std::string_view key, bool first = false) {
  if (!first) out += ',';
  out += '"';
  out += key;
  out += "\":";
}

void append_summary(std::string& out, const storage::order_summary& s, const storage::marked_shop& shop) {
  append_key(out, "shop_id", true);
  append_json_string(out, s.shop_id);
  append_key(out, "shop_name");
  append_json_string(out, shop.name);
  append_key(out, "region");
  append_json_string(out, shop.region);
  append_key(out, "id");
  append_json_string(out, s.id);
  append_key(out, "status");
  append_json_string(out, domain::to_string(s.status));
  append_key(out, "create_time");
  append_integer(out, s.create_time);
  append_key(out, "update_time");
  append_integer(out, s.update_time);
  append_key(out, "buyer");
  out += "{\"user_id\":";
  append_json_string(out, s.buyer_user_id);
  append_key(out, "name");
  append_json_string(out, s.buyer_name);
  out += '}';
  append_key(out, "total");
  append_json_string(out, money_text(s.total));
  append_key(out, "currency");
  append_json_string(out, s.currency);
  append_key(out, "items");
  append_integer(out, s.items);
  append_key(out, "first_item");
  if (s.first_item) {
    out += "{\"product_name\":";
    append_json_string(out, s.first_item->product_name);
    append_key(out, "sku_id");
    append_json_string(out, s.first_item->sku_id);
    append_key(out, "seller_sku");
    append_json_string(out, s.first_item->seller_sku);
    append_key(out, "image_url");
    append_json_string(out, s.first_item->image_url);
    out += '}';
  } else {
    out += "null";
  }
  append_key(out, "tracking_number");
  append_json_string(out, s.tracking_number);
  append_key(out, "shipping_due_time");
  append_integer(out, s.shipping_due_time);
  append_key(out, "is_on_hold");
  out += s.on_hold ? "true" : "false";
}

std::size_t estimated_size(const storage::order_search_page& page) {
  std::size_t n = 128 + 64 * 12;
  for (const auto& s : page.orders) {
    n += 400 + s.id.size() + s.buyer_user_id.size() + s.buyer_name.size() + s.tracking_number.size();
    if (s.first_item)
      n += s.first_item->product_name.size() + s.first_item->sku_id.size() + s.first_item->seller_sku.size() +
           s.first_item->image_url.size();
  }
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char e = escapes[byte];
    if (e == 0) continue;
    out.append(text.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    out += '\\';
    if (e != 'u') {
      out += e;
    } else {
      out += "u00";
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
  out += '"';
}

namespace {

// The listed shop of an order (a seller has a handful: a scan beats building a map per page).
const storage::marked_shop& shop_of(const std::vector<storage::marked_shop>& shops, const std::string& id) {
  for (const auto& s : shops)
    if (s.id == id) return s;
  throw std::out_of_range("order page: shop " + id + " is not among the seller's shops");
}

}  // namespace

std::string page_json(const storage::order_search_page& page, const storage::order_status_counts& counts,
                      const std::vector<storage::marked_shop>& shops) {
  std::string out;
  out.reserve(estimated_size(page));
  out += "{\"orders\":[";
  bool first = true;
  for (const auto& s : page.orders) {
    out += first ? "{" : ",{";
    first = false;
    append_summary(out, s, shop_of(shops, s.shop_id));
    out += '}';
  }
  out += "],\"counts\":{";
  first = true;
  for (const auto& [status, n] : counts) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, status);
    out += ':';
    append_integer(out, n);
  }
  out += "},\"next_cursor\":";
  if (page.next_cursor.empty())
    out += "null";
  else
    append_json_string(out, page.next_cursor);
  out += '}';
  return out;
}

}  // namespace kingkung::web::orders
