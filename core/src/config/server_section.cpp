// [server] and [server.tls]
#include <system_error>

#include "config/sections.hpp"

namespace kingkung::config::detail {
namespace {

void read_tls(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "server.tls", ctx.diag);
  auto& tls = ctx.config.server.tls;
  r.reject_unknown_keys({"enabled", "cert_file", "key_file"});
  r.read("enabled", tls.enabled);
  r.read_path("cert_file", tls.cert_file, ctx.base_dir);
  r.read_path("key_file", tls.key_file, ctx.base_dir);
  if (!tls.enabled) return;
  auto require_file = [&](std::string_view key, const std::filesystem::path& file, std::string_view what) {
    if (r.find(key) == nullptr || file.empty()) {
      r.missing(key, "the " + std::string(what) + " file (PEM), since TLS is enabled");
      return;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      r.invalid(key, "an existing " + std::string(what) + " file (PEM)", "no file at " + file.string());
  };
  require_file("cert_file", tls.cert_file, "certificate chain");
  require_file("key_file", tls.key_file, "private key");
}

std::string default_public_url(const server_config& s) {
  std::string host = s.listen_address;
  if (host == "0.0.0.0" || host == "::") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(s.tls.enabled ? "https" : "http") + "://" + host + ":" + std::to_string(s.port);
}

}  // namespace

void read_server(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "server", ctx.diag);
  auto& s = ctx.config.server;
  r.reject_unknown_keys({"listen", "port", "threads", "public_url", "tls", "max_header_bytes",
                         "max_body_bytes", "read_timeout_seconds", "idle_timeout_seconds",
                         "write_timeout_seconds", "max_connections", "max_requests_per_connection",
                         "stop_grace_seconds", "run_sync_workers", "static_dir"});
  if (r.read("listen", s.listen_address) && !is_ip_address(s.listen_address))
    r.invalid("listen", R"(an IP address to listen on, such as "127.0.0.1", "0.0.0.0" or "::")");
  r.read("port", s.port, 1, 65535);
  r.read("threads", s.threads, 0, 1024);
  r.read("max_header_bytes", s.max_header_bytes, 1024, 1024 * 1024);
  r.read("max_body_bytes", s.max_body_bytes, 1024, 1024 * 1024 * 1024);
  r.read("read_timeout_seconds", s.read_timeout_seconds, 1, 3600);
  r.read("idle_timeout_seconds", s.idle_timeout_seconds, 1, 86400);
  r.read("write_timeout_seconds", s.write_timeout_seconds, 1, 3600);
  r.read("max_connections", s.max_connections, 1, 1000000);
  r.read("max_requests_per_connection", s.max_requests_per_connection, 0, 1000000);
  r.read("stop_grace_seconds", s.stop_grace_seconds, 0, 3600);
  r.read("run_sync_workers", s.run_sync_workers);
  if (r.read_path("static_dir", s.static_dir, ctx.base_dir) && !s.static_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(s.static_dir, ec))
      r.invalid("static_dir", "an existing folder (or \"\" for the built-in UI)",
                "no folder at " + s.static_dir.string());
  }
  read_tls(r.read_table("tls"), ctx);

  std::string url;
  if (r.read("public_url", url) && !url.empty()) {
    while (url.size() > 1 && url.back() == '/') url.pop_back();
    if (is_http_url(url))
      s.public_url = url;
    else
      r.invalid("public_url",
                "an absolute http:// or https:// URL without query, such as \"https://seller.example.com\"");
  }
  if (s.public_url.empty()) s.public_url = default_public_url(s);
}

}  // namespace kingkung::config::detail
