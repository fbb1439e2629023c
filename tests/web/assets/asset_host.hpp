// A server with only the asset and UI page routes of kingkung-web: what the browser loads before any API
// call, served over a real socket on 127.0.0.1 (no database, no plugins).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "../../integration/http/test_client.hpp"
#include "api/routes.hpp"
#include "kingkung/http/router.hpp"
#include "kingkung/http/server.hpp"

namespace kingkung::web_test {

class asset_host {
 public:
  asset_host() {
    http::router r;
    web::add_asset_routes(r, std::shared_ptr<web::web_context>());
    http::server_options o;
    o.listen_address = "127.0.0.1";
    o.port = 0;
    o.threads = 1;
    server_ = std::make_unique<http::server>(o, std::move(r));
    port_ = server_->start();
  }

  // One request with a raw request-target, sent as is (no normalisation by a client library).
  test::http_response fetch(std::string_view method, std::string_view target, std::string_view extra_headers = {}) {
    auto r = test::fetch(port_, method, target, {}, extra_headers);
    if (!r) throw std::runtime_error("no answer to " + std::string(method) + " " + std::string(target));
    return std::move(*r);
  }

  std::uint16_t port() const { return port_; }

 private:
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

inline std::string header_of(const test::http_response& r, std::string_view name) {
  auto it = r.find(boost::beast::string_view(name.data(), name.size()));
  return it == r.end() ? std::string() : std::string(it->value());
}

}  // namespace kingkung::web_test
