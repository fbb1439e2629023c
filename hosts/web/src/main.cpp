// kingkung-web: the seller web host. kingkung-web [--config FILE] [--port N] [--listen ADDR]
//
// Starts the runtime (config, database, vault, plugins), serves HTTP(S) until SIGINT or SIGTERM, then
// stops in the runtime's shutdown order. Exit codes: 0 after a clean stop, 1 when start-up failed (the
// message says why), 2 for a command-line mistake.
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <pthread.h>

#include "command_line.hpp"
#include "demo_setup.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/http/server.hpp"
#include "kingkung/log/log.hpp"
#include "web_host.hpp"

namespace {

using namespace kingkung;

int fail_start(const std::string& message) {
  std::fprintf(stderr, "kingkung-web: %s\n", message.c_str());
  return 1;
}

int serve(const web::command_line& args, const sigset_t& stop_signals) {
  auto started = app::runtime::start({args.config_file, nullptr});
  if (!started) return fail_start(started.err().message);
  auto& runtime = **started;
  app::platform_options platform;
  platform.sync_workers = runtime.config().server.run_sync_workers;
  auto services = app::platform_services::start(runtime, platform);
  if (!services) return fail_start(services.err().message);
  if (auto demo = web::set_up_demo(runtime, (*services)->links()); !demo) return fail_start(demo.err().message);

  auto options = web::make_server_options(runtime.config(), args);
  std::weak_ptr<app::platform_services> weak = *services;
  web::web_context context;
  context.runtime = &runtime;
  context.services = services->get();
  context.on_webhook_stored = [weak] {
    if (auto s = weak.lock()) s->wake_webhook_processor();
  };
  http::server server(options, web::make_router(std::move(context)));
  std::uint16_t port = 0;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    return fail_start(e.what());
  }
  runtime.on_stop("http server", [&server] { server.stop(); });

  std::printf("KingKung Seller Center on %s\n", web::listen_url(options, port).c_str());
  const auto& demo = runtime.config().demo;
  if (demo.enabled) std::printf("Demo sign-in: %s / %s\n", demo.email.c_str(), demo.password.c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  log::info("web", std::string("received ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + "; stopping");
  runtime.shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = web::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.args) {
    std::fprintf(stderr, "kingkung-web: %s\n\n%s", parsed.error.c_str(), web::usage_text);
    return 2;
  }
  if (parsed.args->help) {
    std::fputs(web::usage_text, stdout);
    return 0;
  }

  // Blocked before any thread starts, so every thread inherits the mask and only sigwait() sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    return serve(*parsed.args, stop_signals);
  } catch (const std::exception& e) {
    return fail_start(e.what());
  }
}
