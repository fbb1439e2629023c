#include "kingkung/tiktok/envelope.hpp"

#include <boost/json/monotonic_resource.hpp>

#include "tiktok/api_support.hpp"
#include "tiktok/envelope_reader.hpp"

namespace kingkung::tiktok {
namespace detail {
namespace {

bool is_error_status(int status) {
  return status >= 400;
}

// A printable excerpt of a body that is not an envelope (an HTML error page, a proxy message).
std::string excerpt(std::string_view body) {
  constexpr std::size_t max_length = 120;
  std::string out;
  for (char c : body.substr(0, max_length)) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7F ? c : ' ');
  }
  if (body.size() > max_length) out += "...";
  return out;
}

api_error not_an_envelope(int http_status, std::string problem) {
  api_error e;
  e.http_status = http_status;
  e.kind = is_error_status(http_status) ? classify(http_status, 0, {}) : error_class::invalid_response;
  e.message = std::move(problem);
  return e;
}

void read_detail(const json::value& value, const std::string& name, item_error& out) {
  switch (value.kind()) {
    case json::kind::string:
      out.detail_ids.push_back({name, std::string(value.get_string())});
      break;
    case json::kind::int64:
      out.detail_ids.push_back({name, std::to_string(value.get_int64())});
      break;
    case json::kind::uint64:
      out.detail_ids.push_back({name, std::to_string(value.get_uint64())});
      break;
    case json::kind::array:
      for (const auto& element : value.get_array())
        if (!element.is_array() && !element.is_object()) read_detail(element, name, out);
      break;
    default:
      break;  // booleans, doubles, nested objects carry no ids
  }
}

}  // namespace

result<raw_envelope> read_envelope(int http_status, std::string_view body) {
  // One arena per answer, released with its last value: parsing a page of orders is then a few
  // allocations, not one per string, array and object. Values are moved within the arena only (a move
  // into a value of other storage would copy).
  json::storage_ptr arena = json::make_shared_resource<json::monotonic_resource>();
  json::value parsed(arena);
  try {
    parsed = parse_json(body, "response body", arena);
  } catch (const decode_failure&) {
    return not_an_envelope(http_status, "HTTP " + std::to_string(http_status) + " answer is not JSON: \"" +
                                            excerpt(body) + "\"");
  }
  if (!parsed.is_object() || !parsed.get_object().contains("code")) {
    return not_an_envelope(http_status, "HTTP " + std::to_string(http_status) +
                                            " answer is not an envelope (code: missing): \"" + excerpt(body) +
                                            "\"");
  }
  raw_envelope env{0, {}, {}, json::value(arena)};
  try {
    reader root(parsed, "");
    env.code = root.at("code").as_int();
    env.message = root.string_or("message");
    if (auto rid = root.find("request_id"); rid && rid->value().is_string())
      env.request_id = rid->as_string();
  } catch (const decode_failure& failure) {
    return not_an_envelope(http_status, failure.what());
  }
  if (env.code != 0 || is_error_status(http_status)) {
    api_error e;
    e.kind = classify(http_status, env.code, env.message);
    e.code = env.code;
    e.message = env.message.empty() ? "HTTP " + std::to_string(http_status) : env.message;
    e.request_id = env.request_id;
    e.http_status = http_status;
    return e;
  }
  if (auto* data = parsed.get_object().if_contains("data")) env.data = std::move(*data);
  return env;
}

std::vector<item_error> read_item_errors(const reader& data) {
  std::vector<item_error> out;
  if (data.is_null() || !data.value().is_object()) return out;
  for (const auto& item : data.items("errors")) {
    item_error e;
    e.code = item.int_or("code");
    e.message = item.string_or("message");
    if (auto details = item.find("detail")) {
      for (const auto& member : details->object()) {
        if (member.key() == "extra_errors") continue;
        read_detail(member.value(), std::string(member.key()), e);
      }
      for (const auto& extra : details->items("extra_errors")) {
        e.warehouse_errors.push_back(
            {extra.id_or("warehouse_id"), extra.int_or("code"), extra.string_or("message")});
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace detail

result<envelope> parse_envelope(int http_status, std::string_view body) {
  auto raw = detail::read_envelope(http_status, body);
  if (!raw.ok()) return std::move(raw).err();
  envelope out;
  out.code = raw->code;
  out.message = std::move(raw->message);
  out.request_id = std::move(raw->request_id);
  auto text = detail::data_json_text(raw->data, out.request_id, http_status);
  if (!text.ok()) return std::move(text).err();
  out.data_json = std::move(text).value();
  return out;
}

result<std::vector<item_error>> parse_item_errors(std::string_view data_json) {
  try {
    auto value = detail::parse_json(data_json, "data");
    return detail::read_item_errors(detail::reader(value, "data"));
  } catch (const detail::decode_failure& failure) {
    return detail::invalid_response(failure, {}, 0);
  }
}

}  // namespace kingkung::tiktok
