// Property: a request signed with the client's signing functions passes the simulator's signature check,
// and changing any single byte of the path, a query value or the body makes the simulator answer 106001.
// Fixed seed, bounded count.
#include <gtest/gtest.h>

#include <random>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

struct endpoint {
  const char* method;
  const char* before_id;  // the path up to the id segment
  const char* after_id;   // the rest of the path after it
  bool has_body;
};

// Official paths; the id segment is random digits, so a changed digit still names the endpoint.
const std::vector<endpoint>& endpoints() {
  static const std::vector<endpoint> list = {
      {"GET", "/product/202309/products/", "", false},
      {"POST", "/product/202309/products/", "/inventory/update", true},
      {"POST", "/product/202309/products/", "/prices/update", true},
      {"POST", "/product/202309/products/", "/partial_edit", true},
      {"GET", "/fulfillment/202309/packages/", "", false},
      {"POST", "/fulfillment/202309/packages/", "/ship", true},
      {"GET", "/fulfillment/202309/packages/", "/shipping_documents", false},
      {"POST", "/fulfillment/202309/orders/", "/split", true},
      {"POST", "/fulfillment/202309/packages/", "/uncombine", true},
  };
  return list;
}

class generator {
 public:
  explicit generator(std::uint32_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }

  std::string digits(std::size_t n) {
    std::string s(1, static_cast<char>('1' + below(9)));
    while (s.size() < n) s += static_cast<char>('0' + below(10));
    return s;
  }

  // Letters, digits, the characters that differ between encodings, and multi-byte UTF-8.
  std::string text(std::size_t max_len) {
    static const std::vector<std::string> pieces = {"a", "Z", "7", "+", "/", "%", "%2B", " ", "=", "&", "?", ",",
                                                    "~", "-", "_", ".", "\"", "é", "ç", "日本", "🛒", "ñ"};
    std::string s;
    std::size_t len = 1 + below(max_len);
    for (std::size_t i = 0; i < len; ++i) s += pieces[below(pieces.size())];
    return s;
  }

  std::vector<tiktok::query_param> query() {
    std::vector<tiktok::query_param> q;
    std::size_t n = 1 + below(4);
    for (std::size_t i = 0; i < n; ++i) q.push_back({"q" + std::to_string(i) + "_" + digits(3), text(8)});
    return q;
  }

  json::value body(int depth = 0) {
    json::object o;
    std::size_t n = 1 + below(4);
    for (std::size_t i = 0; i < n; ++i) {
      std::string key = "k" + std::to_string(i);
      switch (below(depth < 2 ? 5 : 4)) {
        case 0: o[key] = text(10); break;
        case 1: o[key] = static_cast<std::int64_t>(below(1'000'000)); break;
        case 2: o[key] = below(2) == 1; break;
        case 3: o[key] = json::array{text(4), digits(6)}; break;
        default: o[key] = body(depth + 1); break;
      }
    }
    return o;
  }

  // A different byte at a random position.
  void change_byte(std::string& s, std::size_t from = 0) {
    std::size_t at = from + below(s.size() - from);
    char old = s[at];
    do s[at] = static_cast<char>(0x21 + below(0x5e));
    while (s[at] == old);
  }

 private:
  std::mt19937 rng_;
};

struct case_request {
  std::string method;
  std::string path;
  std::size_t id_begin = 0;
  std::size_t id_end = 0;
  std::vector<tiktok::query_param> query;
  std::string body;
};

std::int64_t envelope_code(sim_env& env, const plugin::http_request& r) {
  auto sent = env.transport->send(r);
  if (!sent.ok()) return -1;
  return json::parse(sent.value().body).at("code").as_int64();
}

plugin::http_request build(const case_request& c, std::int64_t timestamp) {
  tiktok::preview_request p;
  p.method = c.method;
  p.path = c.path;
  p.query = c.query;
  p.body = c.body;
  p.app_key = std::string(app_key);
  p.timestamp = timestamp;
  auto s = tiktok::signed_request(p, secret(std::string(app_secret)));
  plugin::http_request r;
  r.method = c.method;
  r.host = plugin::host_kind::api;
  r.target = s.target;
  r.headers.push_back({"content-type", "application/json"});
  r.body = c.body;
  return r;
}

// The same request as sent, with its path, one query value or its body changed after signing.
plugin::http_request tampered(const case_request& c, std::int64_t timestamp, const case_request& changed) {
  auto original = build(c, timestamp);
  auto target = tiktok::parse_target(original.target);
  std::string sign;
  for (const auto& q : target.query)
    if (q.name == "sign") sign = q.value;
  auto again = build(changed, timestamp);
  auto params = tiktok::parse_target(again.target).query;
  for (auto& q : params)
    if (q.name == "sign") q.value = sign;
  again.target = changed.path + "?" + tiktok::encode_query(params);
  return again;
}

TEST(TiktokSimSignature, SignedRequestsPassAndAnySingleByteChangeFailsWith106001) {
  sim_env env;
  generator gen(20251129);
  const std::int64_t ts = env.time.unix_now();
  int cases = 0;
  for (; cases < 300; ++cases) {
    const auto& e = endpoints()[gen.below(endpoints().size())];
    case_request c;
    c.method = e.method;
    std::string id = gen.digits(19);
    c.path = std::string(e.before_id) + id + e.after_id;
    c.id_begin = std::string(e.before_id).size();
    c.id_end = c.id_begin + id.size();
    c.query = gen.query();
    if (e.has_body) c.body = json::serialize(gen.body());

    auto code = envelope_code(env, build(c, ts));
    ASSERT_NE(code, 106001) << "case " << cases << ": " << c.method << " " << c.path;
    ASSERT_NE(code, -1);

    case_request path_changed = c;
    {
      std::size_t at = c.id_begin + gen.below(c.id_end - c.id_begin);
      char old = path_changed.path[at];
      do path_changed.path[at] = static_cast<char>('0' + gen.below(10));
      while (path_changed.path[at] == old);
    }
    EXPECT_EQ(envelope_code(env, tampered(c, ts, path_changed)), 106001) << "path, case " << cases;

    case_request query_changed = c;
    gen.change_byte(query_changed.query[gen.below(query_changed.query.size())].value);
    EXPECT_EQ(envelope_code(env, tampered(c, ts, query_changed)), 106001) << "query, case " << cases;

    if (!c.body.empty()) {
      case_request body_changed = c;
      gen.change_byte(body_changed.body);
      EXPECT_EQ(envelope_code(env, tampered(c, ts, body_changed)), 106001) << "body, case " << cases;
    }
    if (HasFailure()) break;
  }
  EXPECT_EQ(cases, 300);
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
