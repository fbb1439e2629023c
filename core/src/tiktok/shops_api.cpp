#include "kingkung/tiktok/shops.hpp"

#include "tiktok/api_support.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {
namespace {

result<std::vector<domain::shop>> read_shops(client& api, const shop_ref& shop, const api_request& call) {
  return detail::call_and_decode<std::vector<domain::shop>>(
      api, shop, call, [](const detail::reader& data, const std::string&) {
        std::vector<domain::shop> shops;
        data.object();
        for (const auto& s : data.items("shops")) shops.push_back(detail::read_shop(s));
        return shops;
      });
}

api_request shops_request(const endpoints::endpoint& ep) {
  auto call = detail::make_request(ep);
  call.cipher = cipher_rule::forbidden;
  return call;
}

}  // namespace

result<std::vector<domain::shop>> get_authorized_shops(client& api, const shop_ref& shop) {
  return read_shops(api, shop, shops_request(endpoints::authorized_shops));
}

result<std::vector<domain::shop>> get_authorized_shops(client& api, const secret& access_token) {
  auto call = shops_request(endpoints::authorized_shops);
  call.access_token = access_token;
  return read_shops(api, shop_ref{}, call);
}

result<std::vector<domain::shop>> get_active_shops(client& api, const shop_ref& shop) {
  return read_shops(api, shop, shops_request(endpoints::active_shops));
}

}  // namespace kingkung::tiktok
