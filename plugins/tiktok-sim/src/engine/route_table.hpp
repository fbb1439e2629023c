// The official endpoints the simulator answers, with what the gateway checks for each: the versions it
// accepts, whether shop_cipher is required or forbidden, the access scope, and the page_size range.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_errors.hpp"
#include "sim_core.hpp"

namespace kingkung::sim::detail {

enum class cipher_rule { required, forbidden };

struct route {
  std::string_view name;  // API name: rate limits are counted per name
  std::string_view method;
  std::string_view pattern;  // "/order/{v}/orders/search"; {v} is the version, {id} a path parameter
  std::vector<std::string_view> versions;
  cipher_rule cipher = cipher_rule::required;
  std::string_view scope;  // empty: none required
  int page_min = 0;        // page_size range; 0/0: the endpoint does not page
  int page_max = 0;
  api_error bad_param;  // what this endpoint answers for malformed parameters
  handler fn = nullptr;
};

const std::vector<route>& api_routes();

struct routing {
  const route* match = nullptr;
  std::vector<std::string> params;
  std::optional<api_error> error;  // 36009009 path, 36009010 method, 36009014 version
};

// Finds the endpoint for a request on the Open API host, in the platform's order: path, then
// method, then version.
routing resolve(std::string_view method, std::string_view path);

}  // namespace kingkung::sim::detail
