// kingkung sim-server: the TikTok Shop simulator (the tiktok-sim plugin) served over HTTP or HTTPS on a
// loopback address, for wire tests of the tiktok-live transport and for poking at the simulator with
// curl. One listener serves both platform hosts: paths under /api/v2/token/ go to the token host, the
// rest to the Open API host (and /__sim/ to the simulator's control API). Stops on SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/http/server.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/plugins/plugin_host.hpp"

namespace kingkung::cli {
namespace {

constexpr std::string_view usage_text =
    "usage: kingkung [--config FILE] sim-server [--port N] [--listen 127.0.0.1|::1]\n"
    "                                           [--tls --cert FILE --key FILE] [--data-dir DIR]\n"
    "Serves the tiktok-sim plugin on a loopback address until SIGINT or SIGTERM. --port 0 (the default)\n"
    "picks a free port; the bound URL is printed on the first line of output.\n";

constexpr std::string_view plugin_id = "tiktok-sim";
constexpr std::string_view token_prefix = "/api/v2/token/";

struct sim_server_args {
  std::string listen = "127.0.0.1";
  std::uint16_t port = 0;
  bool tls = false;
  std::string cert_file;
  std::string key_file;
  std::string data_dir;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kingkung sim-server: %s\n\n%.*s", message.c_str(),
               static_cast<int>(usage_text.size()), usage_text.data());
  return 2;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5 || text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  unsigned long v = std::stoul(std::string(text));
  if (v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

// Returns an error message, or nothing when the arguments are good.
std::optional<std::string> parse_args(const std::vector<std::string>& args, sim_server_args& out) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (a == "--port") {
      auto v = value();
      auto port = v ? parse_port(*v) : std::nullopt;
      if (!port)
        return "--port: expected a number in [0, 65535], found " +
               (v ? "\"" + *v + "\"" : std::string("nothing"));
      out.port = *port;
    } else if (a == "--listen") {
      auto v = value();
      if (!v) return "--listen: expected an address";
      out.listen = *v;
    } else if (a == "--tls") {
      out.tls = true;
    } else if (a == "--cert") {
      auto v = value();
      if (!v) return "--cert: expected a PEM certificate file";
      out.cert_file = *v;
    } else if (a == "--key") {
      auto v = value();
      if (!v) return "--key: expected a PEM private key file";
      out.key_file = *v;
    } else if (a == "--data-dir") {
      auto v = value();
      if (!v) return "--data-dir: expected a folder";
      out.data_dir = *v;
    } else {
      return "unknown argument \"" + a + "\"";
    }
  }
  if (out.listen != "127.0.0.1" && out.listen != "::1")
    return "--listen: expected a loopback address (127.0.0.1 or ::1), found \"" + out.listen +
           "\"; the simulator is never served to other machines";
  if (out.tls && (out.cert_file.empty() || out.key_file.empty()))
    return "--tls needs --cert FILE and --key FILE";
  if (!out.tls && (!out.cert_file.empty() || !out.key_file.empty())) return "--cert and --key need --tls";
  return std::nullopt;
}

// The simulator's own folder for sim-server, apart from the one kingkung-web's in-process simulator
// uses, so the two never write one state file.
std::filesystem::path default_data_dir(const config::app_config& cfg) {
  if (!cfg.vault.key_file.empty()) return cfg.vault.key_file.parent_path() / "sim-server";
  return cfg.source.parent_path() / "sim-server";
}

// origin-form of a request-target ("/a?b" from "http://host/a?b").
std::string origin_form(const std::string& target) {
  if (!target.empty() && target.front() == '/') return target;
  auto scheme = target.find("://");
  if (scheme == std::string::npos) return target;
  auto path = target.find('/', scheme + 3);
  return path == std::string::npos ? "/" : target.substr(path);
}

http::handler forward_to(std::shared_ptr<plugin::transport> transport) {
  return [transport = std::move(transport)](const http::request& req) {
    plugin::http_request out;
    out.method = req.method;
    out.target = origin_form(req.target);
    out.host = req.path.rfind(token_prefix, 0) == 0 ? plugin::host_kind::auth : plugin::host_kind::api;
    for (const auto& [name, value] : req.headers) out.headers.push_back({name, value});
    out.body = req.body;
    auto answer = transport->send(out);
    if (!answer) {
      return http::response::json(502, std::string(R"({"code":36009003,"message":"simulator error: )") +
                                           std::string(plugin::to_string(answer.err().code)) +
                                           R"(","request_id":"","data":null})");
    }
    http::response r;
    r.status = static_cast<unsigned>(answer->status);
    r.content_type.clear();
    for (const auto& h : answer->headers) r.headers.set(h.name, h.value);
    r.body = std::move(answer->body);
    return r;
  };
}

}  // namespace

int cmd_sim_server(const invocation& in) {
  sim_server_args args;
  if (auto problem = parse_args(in.args, args)) return usage_error(*problem);

  auto loaded = config::load(in.config_path);
  if (!loaded.ok()) {
    std::fprintf(stderr, "%s\n", loaded.message().c_str());
    return 1;
  }
  const config::app_config& cfg = *loaded.config;
  log::set_level(log::parse_level(cfg.log.level, log::level::info));

  plugins::host_services services;
  services.data_dir = args.data_dir.empty() ? default_data_dir(cfg) : std::filesystem::path(args.data_dir);
  services.plugin_config = cfg.plugins.plugin_config;
  plugins::plugin_host host(std::move(services));
  const auto dir = cfg.plugins.dir.empty() ? plugins::plugin_host::default_plugin_dir() : cfg.plugins.dir;
  auto reports = host.load_configured(dir, {std::string(plugin_id)});
  if (reports.empty() || reports.front().status != plugins::load_status::loaded) {
    std::fprintf(stderr, "kingkung sim-server: plugin %s not loaded from %s: %s\n",
                 std::string(plugin_id).c_str(), dir.string().c_str(),
                 reports.empty() ? "no report" : reports.front().reason.c_str());
    return 1;
  }
  auto transport = host.make_transport(plugin_id);
  if (!transport) {
    std::fprintf(stderr, "kingkung sim-server: %s\n", transport.err().message.c_str());
    return 1;
  }

  http::server_options options;
  options.listen_address = args.listen;
  options.port = args.port;
  options.threads = 2;
  if (args.tls) options.tls = http::tls_options{args.cert_file, args.key_file};
  http::router routes;
  routes.on_not_found(forward_to(*transport));

  // The server's threads inherit this mask, so only sigwait() below sees the stop signals.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  http::server server(options, std::move(routes));
  std::uint16_t port = 0;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kingkung sim-server: %s\n", e.what());
    return 1;
  }
  std::string host_text = args.listen == "::1" ? "[::1]" : args.listen;
  std::printf("%s://%s:%u\n", args.tls ? "https" : "http", host_text.c_str(), static_cast<unsigned>(port));
  std::printf("%s\n", (*transport)->describe().c_str());
  std::printf("token host and Open API host on this one address; control API under /__sim/. Ctrl-C stops.\n");
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  log::info("sim-server", std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
  server.stop();
  return 0;
}

}  // namespace kingkung::cli
