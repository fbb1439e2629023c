#include "kingkung/http/server.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "http/listener.hpp"
#include "http/server_state.hpp"
#include "http/tls_context.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::http {
namespace net = boost::asio;

namespace {

unsigned thread_count(unsigned configured) {
  if (configured != 0) return configured;
  return std::max(1u, std::thread::hardware_concurrency());
}

// After the grace period the remaining connections are closed; this bounds the wait for them to go.
constexpr std::chrono::seconds forced_close_wait{5};

}  // namespace

struct server::impl {
  impl(server_options options, router routes)
      : state(std::make_shared<detail::server_state>(std::move(options), std::move(routes))),
        ioc(static_cast<int>(thread_count(state->options.threads))) {}

  bool on_server_thread() const {
    auto me = std::this_thread::get_id();
    return std::any_of(threads.begin(), threads.end(),
                       [&](const std::thread& t) { return t.get_id() == me; });
  }

  std::shared_ptr<detail::server_state> state;
  net::io_context ioc;
  std::shared_ptr<detail::listener> acceptor;
  std::vector<std::thread> threads;

  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool started = false;
  bool stopping = false;
  bool stopped = false;
  std::uint16_t port = 0;
};

server::server(server_options options, router routes)
    : impl_(std::make_unique<impl>(std::move(options), std::move(routes))) {}

server::~server() {
  try {
    stop();
  } catch (const std::exception& e) {
    log::error("http", std::string("server stop failed: ") + e.what());
  }
}

std::uint16_t server::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->started) throw std::logic_error("http::server::start() called twice");
  auto& state = *impl_->state;
  const auto& opts = state.options;

  boost::system::error_code ec;
  auto address = net::ip::make_address(opts.listen_address, ec);
  if (ec)
    throw std::runtime_error("listen address \"" + opts.listen_address +
                             "\" is not an IPv4 or IPv6 address (expected e.g. 127.0.0.1 or ::1)");
  if (opts.tls) state.tls = detail::make_tls_context(*opts.tls);

  impl_->acceptor = std::make_shared<detail::listener>(impl_->ioc, impl_->state,
                                                       net::ip::tcp::endpoint(address, opts.port));
  impl_->port = impl_->acceptor->port();
  impl_->acceptor->run();

  const unsigned n = thread_count(opts.threads);
  impl_->threads.reserve(n);
  for (unsigned i = 0; i < n; ++i) {
    impl_->threads.emplace_back([this] {
      for (;;) {
        try {
          impl_->ioc.run();
          return;
        } catch (const std::exception& e) {
          log::error("http", std::string("server thread caught: ") + e.what());
        }
      }
    });
  }
  impl_->started = true;
  std::string shown = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  log::info("http", "listening on " + std::string(opts.tls ? "https://" : "http://") + shown + ":" +
                        std::to_string(impl_->port) + "/ with " + std::to_string(n) + " thread(s)");
  return impl_->port;
}

void server::stop() {
  {
    std::unique_lock lock(impl_->mutex);
    if (!impl_->started || impl_->stopped) return;
    if (impl_->on_server_thread()) throw std::logic_error("http::server::stop() called from a handler");
    if (impl_->stopping) {
      impl_->stopped_cv.wait(lock, [&] { return impl_->stopped; });
      return;
    }
    impl_->stopping = true;
  }
  auto& state = *impl_->state;
  state.begin_stop();
  impl_->acceptor->stop();
  state.notify_all(false);
  if (!state.wait_until_empty(std::chrono::steady_clock::now() + state.options.stop_grace)) {
    log::warn("http", std::to_string(state.open_connections()) +
                          " connection(s) still busy after the stop grace period; closing them");
    state.notify_all(true);
    state.wait_until_empty(std::chrono::steady_clock::now() + forced_close_wait);
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopped = true;
  }
  impl_->stopped_cv.notify_all();
  log::info("http", "stopped");
}

void server::wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->stopped_cv.wait(lock, [&] { return !impl_->started || impl_->stopped; });
}

std::uint16_t server::port() const noexcept {
  return impl_->port;
}

bool server::secure() const noexcept {
  return impl_->state->options.tls.has_value();
}

}  // namespace kingkung::http
