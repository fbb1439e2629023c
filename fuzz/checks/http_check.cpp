// The web host's request handling (core/src/http and hosts/web): raw bytes are parsed as the server
// parses them (Beast, with the server's header and body limits), converted as the server converts them,
// and routed through every route of kingkung-web over a runtime on SQLite in a temporary folder, with the
// live transport as the only plugin (the default transport must be loaded). Hostile input gets an answer
// the server can send: never an exception, never a 500, and a 405 names what is allowed.
#include <stdlib.h>
#include <sys/stat.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "http/wire_message.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/http/router.hpp"
#include "kingkung/http/server.hpp"
#include "security_headers.hpp"
#include "support.hpp"
#include "web_context.hpp"
#include "web_host.hpp"

namespace kingkung::fuzz {
namespace {

namespace bhttp = boost::beast::http;
constexpr std::string_view target = "http";
constexpr std::string_view app_secret = "fuzz-http-app-secret-77d2";

// The runtime and router of kingkung-web, built once per process; the folder goes when it ends.
class web_host {
 public:
  web_host() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kk-fuzz-http-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("http check: no temporary folder");
    dir_ = pattern;
    std::ofstream(dir_ / "kingkung.toml")
        << "[server]\nlisten = \"127.0.0.1\"\nport = 8080\nthreads = 1\npublic_url = \"http://127.0.0.1:8080\"\n"
        << "run_sync_workers = false\n\n"
        << "[database]\nurl = \"sqlite3:data/kingkung.db\"\npool_size = 1\n\n"
        << "[vault]\nkey_file = \"data/master.key\"\n\n"
        << "[tiktok]\napp_key = \"kk-fuzz-app\"\nservice_id = \"kk-fuzz-service\"\n\n"
        << "[plugins]\ndir = \"" << KINGKUNG_FUZZ_PLUGIN_DIR << "\"\nload = [\"tiktok-live\"]\n\n"
        << "[log]\nlevel = \"error\"\n";
    environment_["KINGKUNG_TIKTOK_APP_SECRET"] = std::string(app_secret);
    auto started = app::runtime::start({dir_ / "kingkung.toml", &environment_});
    if (!started) throw std::runtime_error("http check: the runtime did not start: " + started.err().message);
    runtime_ = std::move(*started);
    web::web_context context;
    context.runtime = runtime_.get();
    router_ = web::make_router(std::move(context));
    response_headers_ = web::security_headers(false);
  }
  ~web_host() {
    if (runtime_) runtime_->shutdown();
    runtime_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  web_host(const web_host&) = delete;
  web_host& operator=(const web_host&) = delete;

  const http::router& router() const { return router_; }
  const http::header_fields& response_headers() const { return response_headers_; }

 private:
  std::filesystem::path dir_;
  std::map<std::string, std::string> environment_;
  std::unique_ptr<app::runtime> runtime_;
  http::router router_;
  http::header_fields response_headers_;
};

// Feeds the bytes to the parser as the server's read loop would; false when they are not one request.
bool parse(std::string_view bytes, bhttp::request_parser<bhttp::string_body>& parser) {
  const http::server_options limits;
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(limits.max_body_bytes);
  parser.eager(true);
  boost::system::error_code ec;
  while (!bytes.empty() && !parser.is_done()) {
    const auto used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == bhttp::error::need_more) return false;
    if (ec) return false;
    if (used == 0) return false;
    bytes.remove_prefix(used);
  }
  if (!parser.is_done()) {
    if (!parser.got_some()) return false;  // nothing parsed: Beast requires some input before put_eof
    parser.put_eof(ec);
    if (ec) return false;
  }
  return parser.is_done();
}

}  // namespace

void check_http(std::string_view input) {
  using detail::require;
  static web_host host;

  bhttp::request_parser<bhttp::string_body> parser;
  if (!parse(input, parser)) return;  // the server answers 400, 413 or 431 without routing
  auto msg = parser.release();
  const std::string method(msg.method_string());
  const std::string raw_target(msg.target());
  const unsigned version = msg.version();
  const bool head = msg.method() == bhttp::verb::head;

  auto req = http::detail::from_wire(std::move(msg), "127.0.0.1", false);
  const auto from_target = http::request::from_target(method, raw_target);
  require(req.has_value() == from_target.has_value(), target,
          "from_wire and from_target disagree on the target " + detail::printable(raw_target));
  if (!req) return;  // 400
  require(req->method == method && req->target == raw_target, target, "from_wire changed the method or target");
  require(req->path == from_target->path, target, "the decoded path depends on how the request arrived");

  const std::string path = req->path;
  http::response res;
  try {
    res = host.router().route(*req);
  } catch (const std::exception& e) {
    throw property_violation(std::string(target) + ": " + method + " " + detail::printable(path) +
                             " threw instead of answering: " + e.what());
  }
  require(res.status >= 200 && res.status <= 599, target, "status " + std::to_string(res.status) + " out of range");
  require(res.status < 500 || res.status == 503, target,
          method + " " + detail::printable(path) + " answered " + std::to_string(res.status));
  if (res.status == 405) {
    const auto allow = res.headers.get("Allow");
    require(allow && !allow->empty(), target, "a 405 without an Allow header");
  }
  require(!detail::contains(res.body, app_secret), target, "a response shows the app secret");
  try {
    http::detail::wire_options options;
    options.version = version;
    options.head = head;
    options.defaults = &host.response_headers();
    (void)http::detail::to_wire(res, options);
  } catch (const std::exception& e) {
    throw property_violation(std::string(target) + ": " + method + " " + detail::printable(path) +
                             " gave a response that cannot be sent: " + e.what());
  }
}

}  // namespace kingkung::fuzz
