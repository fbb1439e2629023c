#include "live_test_support.hpp"

#include <boost/beast/core/string.hpp>

namespace kingkung::live::test {

const pki& shared_pki() {
  static const pki instance;
  return instance;
}

live_config config_for(const std::string& url) {
  live_config c;
  auto parsed = parse_base_url(url);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.err().message);
  if (parsed.ok()) {
    c.api = *parsed;
    c.auth = *parsed;
  }
  c.ca_file = shared_pki().ca_file;
  return c;
}

std::unique_ptr<live_transport> make_transport(const live_config& config, plugin::logger* log) {
  auto t = live_transport::create(config, log);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.err().message);
  return t.ok() ? std::move(*t) : nullptr;
}

plugin::http_request get(std::string target, std::chrono::milliseconds timeout) {
  plugin::http_request r;
  r.method = "GET";
  r.target = std::move(target);
  r.timeout = timeout;
  return r;
}

plugin::http_request post(std::string target, std::string body, std::chrono::milliseconds timeout) {
  plugin::http_request r;
  r.method = "POST";
  r.target = std::move(target);
  r.body = std::move(body);
  r.headers.push_back({"content-type", "application/json"});
  r.timeout = timeout;
  return r;
}

std::optional<std::string> header_of(const plugin::http_response& r, std::string_view name) {
  for (const auto& h : r.headers) {
    if (boost::beast::iequals(h.name, name)) return h.value;
  }
  return std::nullopt;
}

}  // namespace kingkung::live::test
