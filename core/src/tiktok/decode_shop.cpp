#include "kingkung/tiktok/decode.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {
namespace detail {

domain::shop read_shop(const reader& r) {
  domain::shop s;
  s.id = r.id_at("id");
  s.name = r.string_or("name");
  s.region = r.string_or("region");
  s.seller_type = r.string_or("seller_type");
  s.cipher = r.string_or("cipher");
  s.code = r.string_or("code");
  return s;
}

}  // namespace detail

result<domain::shop> decode_shop(std::string_view json, std::string_view path) {
  return detail::decode_text<domain::shop>(json, path,
                                           [](const detail::reader& r) { return detail::read_shop(r); });
}

}  // namespace kingkung::tiktok
