#include "sim_test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "kingkung/sim/signer.hpp"

namespace simtest {

void capture_logger::log(kingkung::plugin::log_level, std::string_view message) noexcept {
  std::lock_guard lock(mu_);
  lines_.emplace_back(message);
}

std::vector<std::string> capture_logger::lines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

bool capture_logger::contains(std::string_view text) const {
  std::lock_guard lock(mu_);
  return std::any_of(lines_.begin(), lines_.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

temp_dir::temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kingkung-sim-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::optional<std::string> map_config::get_string(std::string_view key) const {
  auto it = strings.find(std::string(key));
  return it == strings.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::int64_t> map_config::get_int(std::string_view key) const {
  auto it = ints.find(std::string(key));
  return it == ints.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
}

std::optional<double> map_config::get_double(std::string_view key) const {
  if (auto it = doubles.find(std::string(key)); it != doubles.end()) return it->second;
  if (auto it = ints.find(std::string(key)); it != ints.end()) return static_cast<double>(it->second);
  return std::nullopt;
}

std::optional<std::vector<std::string>> map_config::get_strings(std::string_view key) const {
  auto it = lists.find(std::string(key));
  return it == lists.end() ? std::nullopt : std::optional<std::vector<std::string>>(it->second);
}

std::vector<std::string> map_config::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : strings) out.push_back(k);
  for (const auto& [k, v] : ints) out.push_back(k);
  for (const auto& [k, v] : lists) out.push_back(k);
  for (const auto& [k, v] : doubles) out.push_back(k);
  return out;
}

std::string percent_encode(std::string_view in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

char nfe_check_digit(std::string_view first43) {
  static constexpr int weights[] = {2, 3, 4, 5, 6, 7, 8, 9};
  int sum = 0;
  for (std::size_t i = 0; i < first43.size(); ++i)
    sum += (first43[first43.size() - 1 - i] - '0') * weights[i % 8];
  int dv = 11 - sum % 11;
  return static_cast<char>('0' + (dv >= 10 ? 0 : dv));
}

std::string valid_access_key(int serial) {
  char number[16];
  std::snprintf(number, sizeof number, "%09d", serial);
  // SP, 2025-10, CNPJ 11222333000181, model 55, series 001, number, normal emission, cNF.
  std::string key = std::string("352510") + "11222333000181" + "55" + "001" + number + "1" + "12345678";
  return key + nfe_check_digit(key);
}

std::string nfe_xml(const std::string& access_key, const std::string& c_stat) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe><infNFe Id="NFe)" +
      access_key + R"(" versao="4.00"><ide><cUF>35</cUF><mod>55</mod></ide></infNFe></NFe>)";
  if (!c_stat.empty())
    xml += "<protNFe versao=\"4.00\"><infProt><chNFe>" + access_key + "</chNFe><cStat>" + c_stat +
           "</cStat><xMotivo>Autorizado o uso da NF-e</xMotivo></infProt></protNFe>";
  return xml + "</nfeProc>";
}

std::string base64(std::string_view in) {
  static constexpr char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], a[v & 63]};
  }
  if (in.size() - i == 1) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += {a[v >> 18], a[(v >> 12) & 63], '=', '='};
  } else if (in.size() - i == 2) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], '='};
  }
  return out;
}

response parse_response(const kingkung::plugin::http_response& r) {
  response out;
  out.status = r.status;
  out.body = r.body;
  json::value v = json::parse(r.body);
  const auto& o = v.as_object();
  out.code = o.at("code").as_int64();
  out.message = std::string(o.at("message").as_string());
  out.request_id = std::string(o.at("request_id").as_string());
  out.data = o.at("data");
  return out;
}

// ---- webhook listener ----

webhook_listener::webhook_listener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0)
    throw std::runtime_error("webhook listener: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { run(); });
}

webhook_listener::~webhook_listener() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

void webhook_listener::run() {
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::string data;
    char buf[4096];
    std::size_t header_end = std::string::npos;
    std::size_t content_length = 0;
    while (true) {
      pollfd c{client, POLLIN, 0};
      if (::poll(&c, 1, 2000) <= 0) break;
      ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) break;
      data.append(buf, static_cast<std::size_t>(n));
      if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
        std::string lower = data.substr(0, header_end);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return std::tolower(ch); });
        auto cl = lower.find("content-length:");
        if (cl != std::string::npos) content_length = std::strtoul(lower.c_str() + cl + 15, nullptr, 10);
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    }
    received_webhook w;
    if (header_end != std::string::npos) {
      std::string headers = data.substr(0, header_end);
      std::string lower = headers;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
      auto a = lower.find("\r\nauthorization:");
      if (a != std::string::npos) {
        auto start = a + 16;
        auto end = headers.find("\r\n", start);
        w.authorization = headers.substr(start, end - start);
        w.authorization.erase(0, w.authorization.find_first_not_of(' '));
      }
      w.body = data.substr(header_end + 4, content_length);
    }
    {
      std::lock_guard lock(mu_);
      received_.push_back(std::move(w));
    }
    std::string answer = "HTTP/1.1 " + std::to_string(answer_status_.load()) +
                         " Answer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::close(client);
  }
}

std::vector<received_webhook> webhook_listener::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

std::vector<json::object> webhook_listener::of_type(int type) const {
  std::vector<json::object> out;
  for (const auto& w : received()) {
    auto v = json::parse(w.body);
    if (v.as_object().at("type").as_int64() == type) out.push_back(v.as_object());
  }
  return out;
}

// ---- harness ----

kingkung::sim::settings demo_settings(const std::filesystem::path& data_dir, std::uint64_t seed) {
  kingkung::sim::settings s;
  s.app_key = std::string(app_key);
  s.app_secret = std::string(app_secret);
  s.seed = seed;
  s.data_dir = data_dir;
  s.origin = "test settings";
  auto shop = [](std::string key, std::string id, std::string region, std::string type, int orders) {
    kingkung::sim::shop_settings sh;
    sh.key = key;
    sh.id = id;
    sh.name = "Demo " + key;
    sh.region = region;
    sh.seller_type = type;
    sh.seller = key;
    sh.seller_name = "Seller of " + key;
    sh.orders = orders;
    sh.products = 14;
    return sh;
  };
  s.shops = {shop("demo-mx", "7495540735365777507", "MX", "CROSS_BORDER", 60),
             shop("demo-mx-local", "7495540735365777508", "MX", "LOCAL", 30),
             shop("demo-br", "7495540735365777509", "BR", "LOCAL", 40),
             shop("demo-us", "7495540735365777510", "US", "LOCAL", 40)};
  return s;
}

harness::harness(std::optional<kingkung::sim::settings> s)
    : settings_(s ? std::move(*s) : demo_settings(std::filesystem::path())) {
  if (!s) settings_.data_dir = dir_.path();
  auto opened = kingkung::sim::engine::open(settings_, clock_, log_);
  if (!opened) throw std::runtime_error("engine did not open: " + opened.err().message);
  engine_ = std::move(*opened);
}

harness::~harness() = default;

void harness::close() {
  engine_.reset();
}

void harness::restart() {
  engine_.reset();
  auto opened = kingkung::sim::engine::open(settings_, clock_, log_);
  if (!opened) throw std::runtime_error("engine did not reopen: " + opened.err().message);
  engine_ = std::move(*opened);
}

kingkung::plugin::http_request harness::build(const request_spec& spec) const {
  std::vector<std::pair<std::string, std::string>> query;
  query.emplace_back("app_key", spec.app_key_override.value_or(std::string(app_key)));
  query.emplace_back("timestamp", std::to_string(spec.timestamp.value_or(engine_->now())));
  std::string cipher = spec.cipher.value_or(spec.as ? spec.as->cipher : "");
  if (!cipher.empty()) query.emplace_back("shop_cipher", cipher);
  for (const auto& q : spec.query) query.push_back(q);
  std::string content_type = spec.content_type.value_or("application/json");
  bool multipart = content_type.rfind("multipart/form-data", 0) == 0;
  std::string sign = spec.sign_override.value_or(
      kingkung::sim::api_signature(app_secret, spec.path, query, spec.body, multipart));
  if (!sign.empty()) query.emplace_back("sign", sign);

  kingkung::plugin::http_request r;
  r.method = spec.method;
  r.host = spec.host;
  r.target = spec.path;
  char sep = '?';
  for (const auto& [k, v] : query) {
    r.target += sep + percent_encode(k) + "=" + percent_encode(v);
    sep = '&';
  }
  if (spec.raw_query_suffix) r.target += *spec.raw_query_suffix;
  std::string token = spec.token.value_or(spec.as ? spec.as->access_token : "");
  if (!token.empty()) r.headers.push_back({"x-tts-access-token", token});
  if (!content_type.empty()) r.headers.push_back({"content-type", content_type});
  r.body = spec.body;
  return r;
}

response harness::send_raw(const kingkung::plugin::http_request& r) {
  return parse_response(engine_->handle(r));
}

response harness::send(const request_spec& spec) {
  return send_raw(build(spec));
}

response harness::control(const std::string& method, const std::string& path, const json::value& body) {
  kingkung::plugin::http_request r;
  r.method = method;
  r.target = "/__sim/" + path;
  if (!body.is_null()) r.body = json::serialize(body);
  r.headers.push_back({"content-type", "application/json"});
  return send_raw(r);
}

void harness::advance(std::int64_t seconds) {
  auto r = control("POST", "clock/advance", json::object{{"seconds", seconds}});
  if (r.code != 0) throw std::runtime_error("clock/advance failed: " + r.message);
}

std::string harness::auth_code(const std::string& shop_key, const std::vector<std::string>& scopes) {
  json::object body{{"shop", shop_key}};
  if (!scopes.empty()) {
    json::array a;
    for (const auto& s : scopes) a.emplace_back(s);
    body["scopes"] = std::move(a);
  }
  auto r = control("POST", "authorize", body);
  if (r.code != 0) throw std::runtime_error("authorize failed: " + r.message);
  return std::string(r.obj().at("code").as_string());
}

response harness::token_get(const std::string& code, std::optional<std::string> secret) {
  kingkung::plugin::http_request r;
  r.method = "GET";
  r.host = host_kind::auth;
  r.target = "/api/v2/token/get?app_key=" + percent_encode(app_key) +
             "&app_secret=" + percent_encode(secret.value_or(std::string(app_secret))) +
             "&auth_code=" + percent_encode(code) + "&grant_type=authorized_code";
  return send_raw(r);
}

response harness::token_refresh(const std::string& refresh_token) {
  kingkung::plugin::http_request r;
  r.method = "GET";
  r.host = host_kind::auth;
  r.target = "/api/v2/token/refresh?app_key=" + percent_encode(app_key) +
             "&app_secret=" + percent_encode(app_secret) + "&refresh_token=" + percent_encode(refresh_token) +
             "&grant_type=refresh_token";
  return send_raw(r);
}

connection harness::connect(const std::string& shop_key, const std::vector<std::string>& scopes) {
  connection c;
  c.shop_key = shop_key;
  auto token = token_get(auth_code(shop_key, scopes));
  if (token.code != 0) throw std::runtime_error("token/get failed: " + token.message);
  c.access_token = std::string(token.obj().at("access_token").as_string());
  c.refresh_token = std::string(token.obj().at("refresh_token").as_string());
  request_spec spec;
  spec.path = "/authorization/202309/shops";
  spec.as = &c;
  auto shops = send(spec);
  if (shops.code != 0) throw std::runtime_error("authorization/shops failed: " + shops.message);
  const auto& list = shops.obj().at("shops").as_array();
  if (list.empty()) throw std::runtime_error("no authorized shop");
  c.shop_id = std::string(list.at(0).as_object().at("id").as_string());
  c.cipher = std::string(list.at(0).as_object().at("cipher").as_string());
  return c;
}

response harness::api(const connection& c, const std::string& method, const std::string& path,
                      std::vector<std::pair<std::string, std::string>> query, const json::value& body) {
  request_spec spec;
  spec.method = method;
  spec.path = path;
  spec.query = std::move(query);
  spec.as = &c;
  if (!body.is_null()) spec.body = json::serialize(body);
  return send(spec);
}

std::vector<json::object> harness::all_orders(const connection& c, const json::object& filter) {
  std::vector<json::object> out;
  std::string token;
  for (int guard = 0; guard < 1000; ++guard) {
    std::vector<std::pair<std::string, std::string>> q{{"page_size", "50"}};
    if (!token.empty()) q.emplace_back("page_token", token);
    auto r = api(c, "POST", "/order/202309/orders/search", q, filter);
    if (r.code != 0) throw std::runtime_error("orders/search failed: " + r.message);
    for (const auto& o : r.obj().at("orders").as_array()) out.push_back(o.as_object());
    token = std::string(r.obj().at("next_page_token").as_string());
    if (token.empty()) break;
  }
  return out;
}

json::object harness::order(const connection& c, const std::string& id) {
  auto r = api(c, "GET", "/order/202309/orders", {{"ids", id}});
  if (r.code != 0 || r.obj().at("orders").as_array().empty())
    throw std::runtime_error("order " + id + " not found");
  return r.obj().at("orders").as_array().at(0).as_object();
}

json::object harness::package(const connection& c, const std::string& id) {
  auto r = api(c, "GET", "/fulfillment/202309/packages/" + id);
  if (r.code != 0) throw std::runtime_error("package " + id + ": " + r.message);
  return r.obj();
}

}  // namespace simtest
