#include "platform_json.hpp"

#include <boost/json.hpp>

#include "kingkung/br/base64.hpp"

namespace kingkung::br::detail {
namespace {

namespace json = boost::json;

std::optional<json::value> parse(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

std::string string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return {};
}

std::vector<std::string> string_list(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->get_array()) {
    if (item.is_string())
      out.emplace_back(item.get_string());
    else if (item.is_int64())
      out.push_back(std::to_string(item.get_int64()));
    else if (item.is_uint64())
      out.push_back(std::to_string(item.get_uint64()));
  }
  return out;
}

}  // namespace

std::string need_upload_invoice_of(std::string_view order_json) {
  auto v = parse(order_json);
  if (!v || !v->is_object()) return {};
  return string_field(v->get_object(), "need_upload_invoice");
}

std::string need_upload_invoice_in_detail(std::string_view data_json) {
  auto v = parse(data_json);
  if (!v || !v->is_object()) return {};
  const json::value* orders = v->get_object().if_contains("orders");
  if (!orders || !orders->is_array() || orders->get_array().empty() || !orders->get_array()[0].is_object())
    return {};
  return string_field(orders->get_array()[0].get_object(), "need_upload_invoice");
}

std::string upload_body(const std::vector<upload_item>& items) {
  json::array invoices;
  for (const auto& item : items) {
    json::array orders;
    for (const auto& id : item.order_ids) orders.emplace_back(id);
    invoices.push_back(json::object{{"package_id", item.package_id},
                                    {"order_ids", std::move(orders)},
                                    {"file_type", "XML"},
                                    {"file", base64_encode(item.xml)}});
  }
  return json::serialize(json::object{{"invoices", std::move(invoices)}});
}

std::vector<item_error> upload_errors(std::string_view data_json) {
  std::vector<item_error> out;
  auto v = parse(data_json);
  if (!v || !v->is_object()) return out;
  const json::value* errors = v->get_object().if_contains("errors");
  if (!errors || !errors->is_array()) return out;
  for (const auto& e : errors->get_array()) {
    if (!e.is_object()) continue;
    const json::object& o = e.get_object();
    item_error item;
    if (const json::value* code = o.if_contains("code"); code && code->is_int64())
      item.code = code->get_int64();
    item.message = string_field(o, "message");
    if (const json::value* detail = o.if_contains("detail"); detail && detail->is_object())
      item.package_id = string_field(detail->get_object(), "package_id");
    out.push_back(std::move(item));
  }
  return out;
}

std::string explain_upload_error(const item_error& e) {
  std::string platform = " (code " + std::to_string(e.code) + ": " + e.message + ")";
  switch (e.code) {
    case 10007014:
      return "an invoice for this package is already being processed or was accepted; wait for its result" +
             platform;
    case 21008111:
      return "TikTok Shop does not know this package with this order in this shop; refresh the order and "
             "try again" +
             platform;
    case 21011005:
      return "TikTok Shop found the upload request malformed" + platform;
    default:
      return "TikTok Shop refused the upload" + platform;
  }
}

std::optional<invoice_event> read_invoice_event(std::string_view data_json) {
  auto v = parse(data_json);
  if (!v || !v->is_object()) return std::nullopt;
  const json::object& o = v->get_object();
  invoice_event e;
  e.package_id = string_field(o, "package_id");
  e.order_ids = string_list(o, "order_ids");
  e.invoice_status = string_field(o, "invoice_status");
  e.invalid_reason = string_field(o, "invalid_reason");
  if (e.package_id.empty() || e.invoice_status.empty()) return std::nullopt;
  return e;
}

std::string doc_url_of(std::string_view data_json) {
  auto v = parse(data_json);
  if (!v || !v->is_object()) return {};
  return string_field(v->get_object(), "doc_url");
}

std::optional<std::vector<named_file>> read_named_files(std::string_view json_text) {
  auto v = parse(json_text);
  if (!v) return std::nullopt;
  std::vector<named_file> files;
  if (v->is_array()) {
    for (const auto& item : v->get_array()) {
      if (!item.is_object()) return std::nullopt;
      const json::value* content = item.get_object().if_contains("file");
      if (!content || !content->is_string()) return std::nullopt;
      files.push_back({string_field(item.get_object(), "name"), std::string(content->get_string())});
    }
    return files;
  }
  if (v->is_object()) {
    for (const auto& [name, content] : v->get_object()) {
      if (!content.is_string()) return std::nullopt;
      files.push_back({std::string(name), std::string(content.get_string())});
    }
    return files;
  }
  return std::nullopt;
}

}  // namespace kingkung::br::detail
