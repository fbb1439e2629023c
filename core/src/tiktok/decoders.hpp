// Internal: decoding one platform object from a positioned reader into a domain type. Throw
// decode_failure with the JSON path of the offending value.
#pragma once

#include <boost/json/monotonic_resource.hpp>

#include <string>
#include <string_view>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/package.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/tiktok/result.hpp"
#include "tiktok/json_reader.hpp"

namespace kingkung::tiktok::detail {

domain::order read_order(const reader& r, std::string_view shop_id);
domain::product read_product(const reader& r, std::string_view shop_id);
// `id_key` is "id" (Search Package) or "package_id" (Get Package Detail); empty: whichever is present.
domain::package read_package(const reader& r, std::string_view shop_id, std::string_view id_key = {});
domain::shop read_shop(const reader& r);

// Runs a reader-based decoder on JSON text; decode_failure becomes an invalid_response error.
template <class T, class Read>
result<T> decode_text(std::string_view json_text, std::string_view path, Read&& read) {
  try {
    auto value = parse_json(json_text, path, json::make_shared_resource<json::monotonic_resource>());
    return read(reader(value, std::string(path)));
  } catch (const decode_failure& failure) {
    api_error e;
    e.kind = error_class::invalid_response;
    e.message = failure.what();
    return e;
  }
}

}  // namespace kingkung::tiktok::detail
