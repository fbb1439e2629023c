#include "kingkung/markets/client_shop_api.hpp"

#include <array>

#include "kingkung/storage/module_state_repository.hpp"

namespace kingkung::markets {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::array<std::string_view, 6> families{"/order/", "/fulfillment/",   "/product/",
                                                   "/event/", "/authorization/", "/seller/"};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool segment_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '~';
}

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 80;
  std::string out = "\"";
  out += text.substr(0, shown);
  if (text.size() > shown) out += "...";
  return out + "\"";
}

}  // namespace

std::span<const std::string_view> allowed_path_families() noexcept {
  return families;
}

plugin::result<void> check_module_request(std::string_view method, std::string_view path) {
  if (method != "GET" && method != "POST" && method != "PUT" && method != "DELETE")
    return make_error(errc::invalid_argument,
                      "shop_api.call: method must be GET, POST, PUT or DELETE, found " + quoted(method));
  if (path.empty() || path.front() != '/')
    return make_error(errc::invalid_argument,
                      "shop_api.call: path must start with '/', found " + quoted(path));
  // Segments first, so "/order/../__sim/x" cannot pass the family check.
  for (std::size_t start = 1; start <= path.size();) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if ((segment.empty() && !last) || segment == "." || segment == "..")
      return make_error(errc::invalid_argument,
                        "shop_api.call: path " + quoted(path) + " has an empty, \".\" or \"..\" segment");
    for (char c : segment)
      if (!segment_char(c))
        return make_error(errc::invalid_argument,
                          "shop_api.call: path " + quoted(path) +
                              " may only hold letters, digits and _ . ~ - between slashes (put the query "
                              "in `query`)");
    start = end + 1;
  }
  for (auto family : families)
    if (starts_with(path, family) && path.size() > family.size()) return {};
  std::string list;
  for (auto family : families) list += (list.empty() ? "" : ", ") + std::string(family);
  return make_error(errc::permission_denied,
                    "shop_api.call: modules may call only " + list + " paths, found " + quoted(path));
}

tiktok::cipher_rule cipher_rule_for(std::string_view path) noexcept {
  return starts_with(path, "/authorization/") || starts_with(path, "/seller/")
             ? tiktok::cipher_rule::forbidden
             : tiktok::cipher_rule::required;
}

plugin::error to_module_error(const tiktok::api_error& e) {
  plugin::error out = e.to_plugin_error();
  if (e.kind == tiktok::error_class::rate_limited || e.kind == tiktok::error_class::transport) {
    out.code = errc::unavailable;
    if (e.kind == tiktok::error_class::rate_limited)
      out.message = "rate limited, retry later: " + out.message;
  }
  return out;
}

client_shop_api::client_shop_api(tiktok::client& client, tiktok::shop_ref shop, std::string region,
                                 std::string seller_type, std::string module_id,
                                 storage::module_state_repository& state)
    : client_(client),
      shop_(std::move(shop)),
      region_(std::move(region)),
      seller_type_(std::move(seller_type)),
      module_id_(std::move(module_id)),
      state_(state) {}

std::string_view client_shop_api::shop_id() const noexcept {
  return shop_.id;
}
std::string_view client_shop_api::region() const noexcept {
  return region_;
}
std::string_view client_shop_api::seller_type() const noexcept {
  return seller_type_;
}

plugin::result<std::string> client_shop_api::call(std::string_view method, std::string_view path,
                                                  std::vector<plugin::query_param> query,
                                                  std::string body_json) {
  if (auto ok = check_module_request(method, path); !ok) {
    auto e = ok.err();
    e.message = "module " + module_id_ + ": " + e.message;
    return e;
  }
  tiktok::api_request request;
  request.method = std::string(method);
  request.path = std::string(path);
  request.query.reserve(query.size());
  for (auto& p : query) request.query.push_back({std::move(p.name), std::move(p.value)});
  request.body = std::move(body_json);
  request.cipher = cipher_rule_for(path);
  auto answer = client_.call(shop_, request);
  if (!answer.ok()) return to_module_error(answer.err());
  return std::move(answer->data_json);
}

plugin::result<std::optional<std::string>> client_shop_api::load_state(std::string_view key) {
  return state_.get(shop_.id, module_id_, key);
}

plugin::result<void> client_shop_api::save_state(std::string_view key, std::string_view value) {
  return state_.put(shop_.id, module_id_, key, value);
}

}  // namespace kingkung::markets
