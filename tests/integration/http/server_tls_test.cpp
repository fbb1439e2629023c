// HTTPS: a round trip with a certificate made for the test, and refusals of what TLS 1.2+ excludes.
#include <gtest/gtest.h>

#include <openssl/ssl.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/write.hpp>

#include "kingkung/http/server.hpp"
#include "test_client.hpp"

namespace {

using namespace kingkung;
namespace fs = std::filesystem;
namespace ssl = boost::asio::ssl;

// A self-signed certificate for 127.0.0.1 in a fresh temporary folder, removed afterwards.
class HttpServerTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::random_device rd;
    dir_ = new fs::path(fs::temp_directory_path() / ("kingkung-tls-" + std::to_string(rd())));
    fs::create_directories(*dir_);
    std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "
        "/CN=127.0.0.1"
        " -addext subjectAltName=IP:127.0.0.1 -keyout '" +
        (*dir_ / "key.pem").string() + "' -out '" + (*dir_ / "cert.pem").string() + "' >/dev/null 2>&1";
    generated_ = std::system(cmd.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(generated_) << "openssl req could not make a test certificate"; }
  void TearDown() override {
    if (server_) server_->stop();
  }

  void start() {
    http::server_options o;
    o.threads = 1;
    o.tls = http::tls_options{*dir_ / "cert.pem", *dir_ / "key.pem"};
    server_ = std::make_unique<http::server>(o, http::router().get("/who", [](const http::request& req) {
      return http::response::text(200, req.secure ? "tls" : "plain");
    }));
    port_ = server_->start();
  }

  // Handshake with the test certificate as the only trusted root; returns the response, or nullopt when
  // the handshake or the exchange failed.
  std::optional<test::http_response> https_get(std::uint16_t port, int max_version = 0) {
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file((*dir_ / "cert.pem").string());
    ctx.set_verify_mode(ssl::verify_peer);
    if (max_version != 0) {
      // Let the client offer old protocol versions, so that only the server can be the one refusing them.
      SSL_CTX_set_security_level(ctx.native_handle(), 0);
      SSL_CTX_set_min_proto_version(ctx.native_handle(), 0);
      SSL_CTX_set_max_proto_version(ctx.native_handle(), max_version);
      SSL_CTX_set_cipher_list(ctx.native_handle(), "DEFAULT:@SECLEVEL=0");
    }
    boost::asio::io_context ioc;
    ssl::stream<test::tcp::socket> stream(ioc, ctx);
    stream.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    boost::system::error_code ec;
    stream.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) return std::nullopt;
    test::set_receive_timeout(stream.next_layer(), test::client_safety_timeout);
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) return std::nullopt;
    test::bhttp::request<test::bhttp::empty_body> req{test::bhttp::verb::get, "/who", 11};
    req.set(test::bhttp::field::host, "127.0.0.1");
    test::bhttp::write(stream, req, ec);
    if (ec) return std::nullopt;
    boost::beast::flat_buffer buffer;
    test::http_response res;
    test::bhttp::read(stream, buffer, res, ec);
    if (ec) return std::nullopt;
    return res;
  }

  static fs::path* dir_;
  static bool generated_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

fs::path* HttpServerTls::dir_ = nullptr;
bool HttpServerTls::generated_ = false;

TEST_F(HttpServerTls, HttpsRoundTripWithAVerifiedCertificate) {
  start();
  EXPECT_TRUE(server_->secure());
  auto res = https_get(port_);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200);
  EXPECT_EQ(res->body(), "tls");
}

TEST_F(HttpServerTls, PlainHttpClientGetsNoHttpAnswerOnTheTlsPort) {
  start();
  test::raw_connection c(port_);
  c.send("GET /who HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  std::string got = c.read_until_closed();
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(got.find("HTTP/"), std::string::npos) << got;
  EXPECT_EQ(got.find("plain"), std::string::npos);
}

TEST_F(HttpServerTls, Tls12ClientIsAccepted) {
  start();
  auto res = https_get(port_, TLS1_2_VERSION);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), "tls");
}

TEST_F(HttpServerTls, Tls11ClientIsRefused) {
  start();
  EXPECT_FALSE(https_get(port_, TLS1_1_VERSION));
}

TEST_F(HttpServerTls, MissingCertificateFileIsNamed) {
  http::server_options o;
  o.tls = http::tls_options{*dir_ / "absent.pem", *dir_ / "key.pem"};
  http::server srv(o, http::router());
  try {
    srv.start();
    FAIL() << "started without a certificate";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("absent.pem"), std::string::npos) << e.what();
  }
}

TEST_F(HttpServerTls, KeyThatIsNotPemIsNamed) {
  auto bad = *dir_ / "not-a-key.pem";
  std::ofstream(bad) << "this is not a key\n";
  http::server_options o;
  o.tls = http::tls_options{*dir_ / "cert.pem", bad};
  http::server srv(o, http::router());
  try {
    srv.start();
    FAIL() << "started with a broken key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not-a-key.pem"), std::string::npos) << e.what();
  }
}

}  // namespace
