// Decoding of platform responses (core/src/tiktok): the envelope reader and the order, product, package
// and shop decoders. A decoded object does not depend on how its JSON is laid out (re-serialised JSON
// decodes to the same fields), money re-encodes to the same amount, required ids are present, and a
// refusal names where in the JSON it went wrong.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "kingkung/common/decimal.hpp"
#include "kingkung/tiktok/decode.hpp"
#include "kingkung/tiktok/envelope.hpp"
#include "support.hpp"

namespace kingkung::fuzz {
namespace {

namespace json = boost::json;
constexpr std::string_view target = "platform_decode";

// Every decoded field but raw_json, as text: two decodings are the same when their prints are.
class printer {
 public:
  printer& operator()(std::string_view name, std::string_view v) { return add(name, "\"" + detail::printable(v) + "\""); }
  printer& operator()(std::string_view name, const std::string& v) { return (*this)(name, std::string_view(v)); }
  printer& operator()(std::string_view name, std::int64_t v) { return add(name, std::to_string(v)); }
  printer& operator()(std::string_view name, bool v) { return add(name, v ? "true" : "false"); }
  printer& operator()(std::string_view name, decimal v) {
    const auto text = v.to_string(4);
    const auto back = decimal::parse(text);
    detail::require(back && *back == v, target, std::string(name) + ": money does not re-encode: " + text);
    return add(name, text);
  }
  printer& operator()(std::string_view name, const std::vector<std::string>& v) {
    for (std::size_t i = 0; i < v.size(); ++i) (*this)(std::string(name) + "[" + std::to_string(i) + "]", v[i]);
    return *this;
  }
  std::string text() const { return out_; }

 private:
  printer& add(std::string_view name, const std::string& value) {
    out_.append(name).append("=").append(value).append(";");
    return *this;
  }
  std::string out_;
};

std::string print(const domain::order& o) {
  printer p;
  p("shop_id", o.shop_id)("id", o.id)("status", o.status_text)("create_time", o.create_time)(
      "update_time", o.update_time)("paid_time", o.paid_time)("rts_sla_time", o.rts_sla_time)(
      "cancel_time", o.cancel_time)("buyer_user_id", o.buyer_user_id)("buyer_message", o.buyer_message)(
      "shipping_type", o.shipping_type)("tracking_number", o.tracking_number)("is_cod", o.is_cod)(
      "is_on_hold_order", o.is_on_hold_order)("cpf", o.cpf)("currency", o.pay.currency)(
      "sub_total", o.pay.sub_total)("shipping_fee", o.pay.shipping_fee)("seller_discount", o.pay.seller_discount)(
      "platform_discount", o.pay.platform_discount)("tax", o.pay.tax)("total_amount", o.pay.total_amount)(
      "recipient.name", o.recipient.name)("recipient.full_address", o.recipient.full_address)(
      "recipient.postal_code", o.recipient.postal_code)("package_ids", o.package_ids)(
      "delivery_type", o.delivery_type)("order_type", o.order_type);
  for (std::size_t i = 0; i < o.recipient.district_info.size(); ++i)
    p("district", o.recipient.district_info[i].address_name);
  for (const auto& l : o.lines)
    p("line.id", l.id)("line.sku_id", l.sku_id)("line.product_id", l.product_id)("line.product_name", l.product_name)(
        "line.original_price", l.original_price)("line.sale_price", l.sale_price)(
        "line.seller_discount", l.seller_discount)("line.platform_discount", l.platform_discount)(
        "line.package_id", l.package_id)("line.rts_time", l.rts_time);
  return p.text();
}

std::string print(const domain::product& x) {
  printer p;
  p("shop_id", x.shop_id)("id", x.id)("title", x.title)("status", x.status)("audit_status", x.audit_status)(
      "category_id", x.category_id)("create_time", x.create_time)("update_time", x.update_time)(
      "brand_id", x.brand_id)("sales_regions", x.sales_regions)("has_draft", x.has_draft);
  for (const auto& s : x.skus) {
    p("sku.id", s.id)("sku.seller_sku", s.seller_sku)("sku.currency", s.currency)("sku.price", s.price)(
        "sku.tax_exclusive_price", s.tax_exclusive_price);
    for (const auto& i : s.inventory) p("sku.inventory", i.warehouse_id)("sku.quantity", i.quantity);
  }
  return p.text();
}

std::string print(const domain::package& x) {
  printer p;
  p("shop_id", x.shop_id)("id", x.id)("status", x.status)("order_ids", x.order_ids)("line_item_ids", x.line_item_ids)(
      "tracking_number", x.tracking_number)("shipping_provider_id", x.shipping_provider_id)(
      "create_time", x.create_time)("update_time", x.update_time)("has_multi_skus", x.has_multi_skus)(
      "pickup_slot_start", x.pickup_slot_start)("pickup_slot_end", x.pickup_slot_end);
  return p.text();
}

std::string print(const domain::shop& x) {
  printer p;
  p("id", x.id)("name", x.name)("region", x.region)("seller_type", x.seller_type)("cipher", x.cipher);
  return p.text();
}

template <class Decode>
void check_object(std::string_view json_text, const std::string& relaid, std::string_view path, Decode&& decode) {
  const auto first = decode(json_text, path);
  const auto second = decode(json_text, path);
  detail::require(first.ok() == second.ok(), target, std::string(path) + ": decoding is not deterministic");
  if (!first) {
    const auto& message = first.err().message;
    detail::require(first.err().kind == tiktok::error_class::invalid_response, target,
                    std::string(path) + ": a refusal that is not invalid_response");
    detail::require(message.rfind(std::string(path), 0) == 0 || message.rfind("(root)", 0) == 0, target,
                    std::string(path) + ": the error does not start with the JSON path: " + detail::printable(message));
    return;
  }
  const auto printed = print(*first);
  detail::require(printed == print(*second), target, std::string(path) + ": decoding is not deterministic");
  detail::require(!first->id.empty(), target, std::string(path) + ": decoded without an id");
  if (!relaid.empty()) {
    const auto other = decode(relaid, path);
    detail::require(other.ok(), target, std::string(path) + ": the re-serialised JSON does not decode");
    detail::require(print(*other) == printed, target,
                    std::string(path) + ": the re-serialised JSON decodes differently:\n  " + printed + "\n  " +
                        print(*other));
  }
}

void check_all_decoders(std::string_view json_text, const std::string& relaid, const std::string& path) {
  check_object(json_text, relaid, path + ".order", [](std::string_view t, std::string_view p) {
    return tiktok::decode_order(t, "7495610013482590221", p);
  });
  check_object(json_text, relaid, path + ".product", [](std::string_view t, std::string_view p) {
    return tiktok::decode_product(t, "7495610013482590221", p);
  });
  check_object(json_text, relaid, path + ".package", [](std::string_view t, std::string_view p) {
    return tiktok::decode_package(t, "7495610013482590221", p);
  });
  check_object(json_text, relaid, path + ".shop",
               [](std::string_view t, std::string_view p) { return tiktok::decode_shop(t, p); });
}

}  // namespace

void check_platform_decode(std::string_view input) {
  json::error_code ec;
  const json::value root = json::parse(input, ec);
  // Boost.JSON keeps the last of repeated keys; the re-serialised text has each key once. A number beyond
  // a double's range re-serialises as Infinity, which is not JSON: no layout comparison then.
  std::string relaid = ec ? std::string() : json::serialize(root);
  if (!relaid.empty()) {
    json::error_code relaid_ec;
    (void)json::parse(relaid, relaid_ec);
    if (relaid_ec) relaid.clear();
  }
  check_all_decoders(input, relaid, "input");

  const auto envelope = tiktok::parse_envelope(200, input);
  const auto envelope_again = tiktok::parse_envelope(200, input);
  detail::require(envelope.ok() == envelope_again.ok(), target, "parse_envelope is not deterministic");
  if (!envelope) {
    detail::require(!envelope.err().message.empty(), target, "an envelope refusal without a message");
    return;
  }
  detail::require(!ec, target, "an envelope was read from text that is not JSON");
  // Known: data_json holds Infinity for a number beyond a double's range (Boost.JSON's serializer), and the
  // decoders then refuse it as not JSON. Every other envelope's data must be JSON.
  if (relaid.empty()) return;
  const json::value data = json::parse(envelope->data_json, ec);
  detail::require(!ec, target, "data_json is not JSON: " + detail::printable(envelope->data_json));
  if (!data.is_object()) return;
  // Get Product and Get Package Detail answer with the object itself as `data`.
  check_all_decoders(envelope->data_json, envelope->data_json, "data");
  for (const auto* list : {"orders", "products", "packages", "shops"}) {
    const auto* items = data.as_object().if_contains(list);
    if (items == nullptr || !items->is_array()) continue;
    std::size_t index = 0;
    for (const auto& item : items->as_array()) {
      const auto text = json::serialize(item);
      check_all_decoders(text, text, std::string("data.") + list + "[" + std::to_string(index++) + "]");
    }
  }
  (void)tiktok::parse_item_errors(envelope->data_json);
}

}  // namespace kingkung::fuzz
