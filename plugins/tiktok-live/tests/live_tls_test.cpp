// The TLS policy: verified chain, hostname and validity; TLS 1.2 or later only.
#include <gtest/gtest.h>

#include <atomic>

#include "live_test_support.hpp"

namespace kingkung::live {
namespace {

using namespace test;

plugin::result<plugin::http_response> send_to(const testkit::test_server& server,
                                              const std::string& host = "localhost") {
  auto t = make_transport(config_for(server.url(host)));
  return t->send(get("/authorization/202309/shops"));
}

TEST(LiveTls, UntrustedCertificateIsTlsError) {
  testkit::test_server server(tls_server(shared_pki().untrusted), testkit::echo_handler);
  auto r = send_to(server);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_NE(r.err().message.find("untrusted certificate"), std::string::npos) << r.err().message;
}

TEST(LiveTls, CertificateForAnotherHostIsTlsError) {
  testkit::test_server server(tls_server(shared_pki().wrong_host), testkit::echo_handler);
  auto r = send_to(server);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_NE(r.err().message.find("hostname mismatch"), std::string::npos) << r.err().message;
}

TEST(LiveTls, CertificateForAnotherAddressIsTlsError) {
  testkit::test_server server(tls_server(shared_pki().wrong_host), testkit::echo_handler);
  auto r = send_to(server, "127.0.0.1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_NE(r.err().message.find("hostname mismatch"), std::string::npos) << r.err().message;
}

TEST(LiveTls, ExpiredCertificateIsTlsError) {
  testkit::test_server server(tls_server(shared_pki().expired), testkit::echo_handler);
  auto r = send_to(server);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_NE(r.err().message.find("certificate expired"), std::string::npos) << r.err().message;
}

TEST(LiveTls, ServerLimitedToTls11IsRefused) {
  auto options = tls_server();
  options.tls = testkit::tls_mode::legacy_only;
  testkit::test_server server(options, testkit::echo_handler);
  auto r = send_to(server);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
  EXPECT_NE(r.err().message.find("TLS 1.2 or later"), std::string::npos) << r.err().message;
}

TEST(LiveTls, TlsFailureSendsNoRequest) {
  std::atomic<int> requests{0};
  testkit::test_server server(tls_server(shared_pki().untrusted), [&](testkit::peer& p) {
    while (p.read_request()) ++requests;
  });
  auto r = send_to(server);
  ASSERT_FALSE(r.ok());
  server.wait_finished(1);
  EXPECT_EQ(requests.load(), 0);
}

TEST(LiveTls, ServerThatIsNotTlsIsTlsError) {
  testkit::server_options plain;
  plain.tls = testkit::tls_mode::none;
  testkit::test_server server(plain, [](testkit::peer& p) {
    p.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    p.stall();
  });
  auto t = make_transport(config_for("https://localhost:" + std::to_string(server.port())));
  auto r = t->send(get("/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
}

TEST(LiveTls, SystemTrustStoreDoesNotTrustTestCa) {
  testkit::test_server server(tls_server(), testkit::echo_handler);
  auto config = config_for(server.url());
  config.ca_file.clear();
  auto t = make_transport(config);
  auto r = t->send(get("/"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::tls_error) << r.err().message;
}

}  // namespace
}  // namespace kingkung::live
