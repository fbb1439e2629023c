// The web host's routes over a web_app's runtime on a second server with as many threads as a test
// needs (the web_app's own has two), built the way kingkung-web builds its router.
#pragma once

#include <chrono>
#include <memory>

#include "../auth/auth_host.hpp"
#include "kingkung/auth/hashing_gate.hpp"
#include "web_host.hpp"

namespace kingkung::perf_test {

class threaded_host {
 public:
  threaded_host(web_test::web_app& app, unsigned threads) {
    web::web_context context;
    context.runtime = &app.runtime();
    context.services = &app.services();
    web::command_line args;
    args.port = 0;
    args.listen = "127.0.0.1";
    auto options = web::make_server_options(app.runtime().config(), args);
    options.threads = threads;
    server_ = std::make_unique<http::server>(options, web::make_router(std::move(context)));
    port_ = server_->start();
  }
  ~threaded_host() { server_->stop(); }
  std::uint16_t port() const { return port_; }

 private:
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

// Restores the process's password hashing gate after a test changed it.
class hashing_gate_scope {
 public:
  hashing_gate_scope()
      : capacity_(auth::password_hashing_gate().capacity()),
        max_wait_(auth::password_hashing_gate().max_wait()) {}
  ~hashing_gate_scope() {
    auth::password_hashing_gate().on_enter({});
    auth::password_hashing_gate().configure(capacity_, max_wait_);
  }
  hashing_gate_scope(const hashing_gate_scope&) = delete;
  hashing_gate_scope& operator=(const hashing_gate_scope&) = delete;

 private:
  unsigned capacity_;
  std::chrono::milliseconds max_wait_;
};

}  // namespace kingkung::perf_test
