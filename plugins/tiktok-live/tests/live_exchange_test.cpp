// Requests and responses over verified TLS against the scripted loopback server.
#include <gtest/gtest.h>

#include <mutex>

#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

// Records every request and answers with a fixed response.
struct recorder {
  std::mutex mutex;
  std::vector<testkit::received_request> requests;
  std::vector<std::string> server_names;

  testkit::test_server::handler handler(int status, std::string body,
                                        std::vector<std::pair<std::string, std::string>> headers = {}) {
    return [this, status, body, headers](testkit::peer& p) {
      while (auto r = p.read_request()) {
        {
          std::lock_guard lock(mutex);
          requests.push_back(*r);
          server_names.push_back(p.server_name());
        }
        if (!p.respond(status, body, headers)) return;
      }
    };
  }
  testkit::received_request last() {
    std::lock_guard lock(mutex);
    return requests.empty() ? testkit::received_request{} : requests.back();
  }
};

TEST(LiveExchange, GetSendsTargetAndHeadersAndReturnsResponse) {
  recorder rec;
  testkit::test_server server(tls_server(), rec.handler(200, R"({"code":0})", {{"X-Tt-Logid", "log-123"}}));
  auto t = make_transport(config_for(server.url()));
  auto req = get("/authorization/202309/shops?app_key=abc&sign=ff00&timestamp=1700000000");
  req.headers.push_back({"x-tts-access-token", "token-value"});
  auto r = t->send(req);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"code":0})");
  EXPECT_EQ(header_of(*r, "x-tt-logid"), "log-123");
  auto seen = rec.last();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/authorization/202309/shops?app_key=abc&sign=ff00&timestamp=1700000000");
  EXPECT_EQ(seen.header("x-tts-access-token"), "token-value");
  EXPECT_EQ(seen.header("host"), "localhost:" + std::to_string(server.port()));
  EXPECT_TRUE(seen.body.empty());
}

TEST(LiveExchange, PostSendsExactBodyWithContentLength) {
  recorder rec;
  testkit::test_server server(tls_server(), rec.handler(200, "{}"));
  auto t = make_transport(config_for(server.url()));
  const std::string body = R"({"order_ids":["576461413038785752"],"note":"ünïcode"})";
  auto r = t->send(post("/order/202309/orders?shop_cipher=GCP_x", body));
  ASSERT_TRUE(r.ok()) << r.err().message;
  auto seen = rec.last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, body);
  EXPECT_EQ(seen.header("content-length"), std::to_string(body.size()));
  EXPECT_EQ(seen.header("content-type"), "application/json");
}

TEST(LiveExchange, ErrorStatusIsAResponseNotAnError) {
  recorder rec;
  testkit::test_server server(tls_server(), rec.handler(429, R"({"code":36009004})"));
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/product/202309/products/1"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, 429);
  EXPECT_EQ(r->body, R"({"code":36009004})");
}

TEST(LiveExchange, SendsSniForHostName) {
  recorder rec;
  testkit::test_server server(tls_server(), rec.handler(200, "ok"));
  auto t = make_transport(config_for(server.url("localhost")));
  ASSERT_TRUE(t->send(get("/")).ok());
  std::lock_guard lock(rec.mutex);
  ASSERT_FALSE(rec.server_names.empty());
  EXPECT_EQ(rec.server_names.back(), "localhost");
}

TEST(LiveExchange, VerifiesIpLiteralAgainstAddressInCertificate) {
  recorder rec;
  testkit::test_server server(tls_server(), rec.handler(200, "ok"));
  auto t = make_transport(config_for(server.url("127.0.0.1")));
  auto r = t->send(get("/"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "ok");
}

TEST(LiveExchange, AuthHostKindGoesToAuthBaseUrl) {
  recorder api_rec;
  recorder auth_rec;
  testkit::test_server api(tls_server(), api_rec.handler(200, "api"));
  testkit::test_server auth(tls_server(), auth_rec.handler(200, "auth"));
  auto config = config_for(api.url());
  config.auth = *parse_base_url(auth.url());
  auto t = make_transport(config);
  auto req = get("/api/v2/token/get?app_key=k&app_secret=s&auth_code=c&grant_type=authorized_code");
  req.host = plugin::host_kind::auth;
  auto r = t->send(req);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "auth");
  EXPECT_EQ(api.accepted(), 0u);
}

TEST(LiveExchange, PlainHttpWorksForLoopback) {
  recorder rec;
  testkit::server_options plain;
  plain.tls = testkit::tls_mode::none;
  testkit::test_server server(plain, rec.handler(200, "plain"));
  auto t = make_transport(config_for(server.url("127.0.0.1")));
  auto r = t->send(get("/x"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "plain");
}

TEST(LiveExchange, InterimContinueIsSkippedForFinalResponse) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (!p.read_request()) return;
    p.write("HTTP/1.1 100 Continue\r\n\r\n");
    p.respond(201, "created");
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(post("/x", "{}"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "created");
}

TEST(LiveExchange, ChunkedResponseIsReassembled) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    if (!p.read_request()) return;
    p.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    p.stall();
  });
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("/x"));
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->body, "hello world");
}

TEST(LiveExchange, HeadResponseHasNoBodyDespiteContentLength) {
  testkit::test_server server(tls_server(), [](testkit::peer& p) {
    while (p.read_request()) {
      p.write("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n");
    }
  });
  auto t = make_transport(config_for(server.url()));
  auto req = get("/x");
  req.method = "HEAD";
  auto r = t->send(req);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(header_of(*r, "content-length"), "42");
  EXPECT_TRUE(r->body.empty());
}

TEST(LiveExchange, RejectsHeaderValueWithLineBreakWithoutSending) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto t = make_transport(config_for(server.url()));
  auto req = get("/x");
  req.headers.push_back({"x-tts-access-token", "abc\r\nX-Injected: 1"});
  auto r = t->send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(r.err().message.find("abc"), std::string::npos)
      << "header values may be tokens: " << r.err().message;
  EXPECT_EQ(server.accepted(), 0u);
}

TEST(LiveExchange, RejectsTargetThatIsNotAPathWithoutRepeatingIt) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto t = make_transport(config_for(server.url()));
  auto r = t->send(get("api/v2/token/get?app_secret=do-not-print HTTP/1.1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(r.err().message.find("do-not-print"), std::string::npos) << r.err().message;
}

TEST(LiveExchange, RejectsUnknownMethod) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto t = make_transport(config_for(server.url()));
  auto req = get("/x");
  req.method = "FETCH";
  auto r = t->send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
}

TEST(LiveExchange, RejectsContentLengthThatContradictsBody) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto t = make_transport(config_for(server.url()));
  auto req = post("/x", "{}");
  req.headers.push_back({"Content-Length", "10"});
  auto r = t->send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
}

TEST(LiveExchange, DescribeNamesHostsAndPoolButNoProxyPassword) {
  auto config = config_for("https://localhost:9443");
  config.pool_max_per_host = 5;
  config.proxy = *parse_proxy_url("http://ops:s3cret-proxy-pass@127.0.0.1:3128");
  auto t = make_transport(config);
  std::string d = t->describe();
  EXPECT_NE(d.find("https://localhost:9443"), std::string::npos) << d;
  EXPECT_NE(d.find("5 keep-alive connections per host"), std::string::npos) << d;
  EXPECT_NE(d.find("proxy http://127.0.0.1:3128"), std::string::npos) << d;
  EXPECT_EQ(d.find("s3cret-proxy-pass"), std::string::npos) << d;
  EXPECT_EQ(d.find("ops"), std::string::npos) << d;
}

TEST(LiveExchange, MissingCaFileIsReportedAtCreation) {
  auto config = config_for("https://localhost:9443");
  config.ca_file = shared_pki().dir.path() + "/absent.pem";
  auto t = live_transport::create(config);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(t.err().message.find("ca_file"), std::string::npos) << t.err().message;
  EXPECT_NE(t.err().message.find("absent.pem"), std::string::npos) << t.err().message;
}

TEST(LiveExchange, NeverLogsTheRequestTarget) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  recording_logger log;
  auto t = make_transport(config_for(server.url()), &log);
  auto req = get("/api/v2/token/get?app_key=k&app_secret=very-secret-app-secret&grant_type=authorized_code");
  req.host = plugin::host_kind::auth;
  ASSERT_TRUE(t->send(req).ok());
  ASSERT_FALSE(log.lines().empty()) << "expected at least the new-connection line";
  for (const auto& line : log.lines()) {
    EXPECT_EQ(line.find("very-secret-app-secret"), std::string::npos) << line;
    EXPECT_EQ(line.find("/api/v2/token/get"), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace kingkung::live
