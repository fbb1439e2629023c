// Get Authorized Shops and Get Active Shops (docs/tiktok-shop-api.md, section 5.1).
#include "handlers.hpp"

namespace kingkung::sim::detail {
namespace {

// The token's seller's shops, in settings order.
std::vector<const shop_state*> seller_shops(const call& c) {
  std::vector<const shop_state*> out;
  for (const auto& s : c.core.cfg.shops) {
    const shop_state* shop = c.core.shop_by_key(s.key);
    if (shop && c.auth && shop->cfg.seller == c.auth->seller) out.push_back(shop);
  }
  return out;
}

}  // namespace

reply authorized_shops(call& c) {
  json::array shops;
  for (const auto* s : seller_shops(c))
    shops.push_back(json::object{{"id", s->cfg.id},
                                 {"name", s->cfg.name},
                                 {"region", s->cfg.region},
                                 {"seller_type", s->cfg.seller_type},
                                 {"cipher", s->cipher},
                                 {"code", s->code}});
  return reply::ok(json::object{{"shops", std::move(shops)}});
}

reply active_shops(call& c) {
  json::array shops;
  for (const auto* s : seller_shops(c))
    shops.push_back(json::object{{"id", s->cfg.id}, {"region", s->cfg.region}});
  return reply::ok(json::object{{"shops", std::move(shops)}});
}

}  // namespace kingkung::sim::detail
