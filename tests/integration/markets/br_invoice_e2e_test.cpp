// br-invoice end to end: the real br-invoice and tiktok-sim plugins, the core client and the market
// service. Invoice decisions come back as INVOICE_STATUS_CHANGE webhooks, which the simulator POSTs to a
// listener on 127.0.0.1 (the shop subscribes to it through the Event API); the test hands each one to
// the market service as the web host's webhook route does.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "../../../plugins/br-invoice/tests/nfe_builder.hpp"
#include "kingkung/markets/client_shop_api.hpp"
#include "kingkung/tiktok/invoices.hpp"
#include "market_env.hpp"

namespace kingkung::markets_test {
namespace {

constexpr std::string_view module_id = "br-invoice";
constexpr int invoice_status_change = 36;

// Accepts webhook POSTs on 127.0.0.1 (one request per connection) and keeps their bodies.
class webhook_listener {
 public:
  webhook_listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
      throw std::runtime_error("webhook listener: cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~webhook_listener() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  webhook_listener(const webhook_listener&) = delete;
  webhook_listener& operator=(const webhook_listener&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/webhooks/tiktok"; }

  // The `data` of the first webhook of `type` about `package_id`; waits for it (nullopt after 30 s).
  std::optional<json::object> wait_for(int type, std::string_view package_id) {
    std::unique_lock lock(mu_);
    std::optional<json::object> found;
    cv_.wait_for(lock, std::chrono::seconds(30), [&] {
      for (const auto& body : bodies_) {
        json::error_code ec;
        json::value v = json::parse(body, ec);
        if (ec || !v.is_object()) continue;
        const json::object& o = v.get_object();
        const json::value* t = o.if_contains("type");
        const json::value* data = o.if_contains("data");
        if (!t || !t->is_int64() || t->get_int64() != type || !data || !data->is_object()) continue;
        const json::value* package = data->get_object().if_contains("package_id");
        if (package && package->is_string() && package->get_string() == package_id) {
          found = data->get_object();
          return true;
        }
      }
      return false;
    });
    return found;
  }

 private:
  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      int connection = ::accept(fd_, nullptr, nullptr);
      if (connection < 0) continue;
      handle(connection);
      ::close(connection);
    }
  }

  void handle(int connection) {
    timeval timeout{5, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    std::string data;
    char chunk[4096];
    std::size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(connection, chunk, sizeof(chunk), 0);
      if (n <= 0) return;
      data.append(chunk, static_cast<std::size_t>(n));
    }
    std::string headers = data.substr(0, header_end);
    for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t length = 0;
    if (std::size_t at = headers.find("content-length:"); at != std::string::npos)
      length = std::stoul(headers.substr(at + 15));
    while (data.size() < header_end + 4 + length) {
      ssize_t n = ::recv(connection, chunk, sizeof(chunk), 0);
      if (n <= 0) return;
      data.append(chunk, static_cast<std::size_t>(n));
    }
    static constexpr std::string_view reply =
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    ::send(connection, reply.data(), reply.size(), MSG_NOSIGNAL);
    std::lock_guard lock(mu_);
    bodies_.push_back(data.substr(header_end + 4, length));
    cv_.notify_all();
  }

  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> bodies_;
};

// An authorised NF-e for the order: the buyer's CPF, the order total and the order number; `number`
// makes the access key unique.
br::test::nfe_builder nfe_for(const plugin::order_view& order, std::string number) {
  br::test::nfe_builder b;
  b.recipient_cpf = order.buyer_tax_id;
  b.total = order.total_amount;
  b.order_reference = order.order_id;
  b.number = std::move(number);
  return b;
}

plugin::action_input upload_input(const std::string& package_id, std::string xml) {
  plugin::action_input in;
  in.package_id = package_id;
  in.fields = {{"file", std::move(xml)}};
  return in;
}

class BrInvoiceE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env.has_module(module_id)) GTEST_SKIP() << env.missing_reason(module_id);
  }

  // Invoice decisions of the BR shop go to the listener.
  void subscribe_invoice_webhooks() {
    auto state = env.state();
    markets::client_shop_api api(*env.sim.api, env.ref_of(env.br), "BR", "LOCAL", "br-invoice-e2e", state);
    auto put = api.call(
        "PUT", "/event/202309/webhooks", {},
        json::serialize(json::object{{"address", listener.url()}, {"event_type", "INVOICE_STATUS_CHANGE"}}));
    ASSERT_TRUE(put) << put.err().message;
  }

  // Lets the simulator decide pending invoices and hands the package's webhook to the service.
  void deliver_invoice_decision(const std::string& package_id) {
    env.advance(5);
    env.settle();
    std::optional<json::object> data = listener.wait_for(invoice_status_change, package_id);
    ASSERT_TRUE(data) << "no INVOICE_STATUS_CHANGE webhook for package " << package_id;
    auto failures =
        env.service().dispatch_event(env.br, invoice_status_change, json::serialize(*data), env.link(env.br));
    for (const auto& f : failures) ADD_FAILURE() << f.module_id << ": " << f.error.message;
  }

  plugin::order_view new_order() {
    std::string id = env.create_orders(env.br, 1, "single").front();
    plugin::order_view view = env.fetch_view(env.br, id);
    EXPECT_EQ(view.package_ids.size(), 1u);
    return view;
  }

  market_env env;
  webhook_listener listener;
};

TEST_F(BrInvoiceE2e, DemoPackageShipsOnlyAfterItsInvoiceIsAcceptedByWebhook) {
  subscribe_invoice_webhooks();
  plugin::order_view order = new_order();
  const std::string package_id = order.package_ids.at(0);

  auto refused = env.service().ship(env.br, order, package_id, env.drop_off(), env.link(env.br));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(refused.err().message.find("needs an NF-e"), std::string::npos) << refused.err().message;
  EXPECT_EQ(env.ship_calls(), 0u);

  auto uploaded =
      env.service().run_action(env.br, module_id, "invoice.upload", order,
                               upload_input(package_id, nfe_for(order, "000000101").xml()), env.link(env.br));
  ASSERT_TRUE(uploaded.ok()) << uploaded.err().message;
  EXPECT_EQ(json::parse(uploaded->result_json).at("status").as_string(), "PROCESSING");
  order = env.fetch_view(env.br, order.order_id);
  auto waiting = env.service().check_ship(env.br, order, env.link(env.br));
  EXPECT_FALSE(waiting.allowed);
  EXPECT_NE(waiting.reason.find("still checking"), std::string::npos) << waiting.reason;

  deliver_invoice_decision(package_id);

  order = env.fetch_view(env.br, order.order_id);
  EXPECT_TRUE(env.service().check_ship(env.br, order, env.link(env.br)).allowed);
  auto shipped = env.service().ship(env.br, order, package_id, env.drop_off(), env.link(env.br));
  ASSERT_TRUE(shipped.ok()) << shipped.err().message;
  EXPECT_TRUE(shipped->errors.empty());
  EXPECT_EQ(env.ship_calls(), 1u);

  auto label = env.service().run_action(env.br, module_id, "invoice.label", order, {}, env.link(env.br));
  ASSERT_TRUE(label.ok()) << label.err().message;
  EXPECT_FALSE(json::parse(label->result_json).at("doc_url").as_string().empty());
}

TEST_F(BrInvoiceE2e, AnAccessKeyAlreadyUsedElsewhereShowsThePlatformsReason) {
  subscribe_invoice_webhooks();
  plugin::order_view first = new_order();
  plugin::order_view second = new_order();
  // The first package's NF-e went up through another tool, so only the platform knows its key.
  br::test::nfe_builder elsewhere = nfe_for(first, "000000202");
  auto direct = tiktok::upload_invoices(*env.sim.api, env.ref_of(env.br),
                                        {{first.package_ids.at(0), {first.order_id}, elsewhere.xml()}});
  ASSERT_TRUE(direct.ok());
  ASSERT_TRUE(direct->errors.empty());

  br::test::nfe_builder same_key = nfe_for(second, "000000202");
  ASSERT_EQ(same_key.key(), elsewhere.key());
  const std::string package_id = second.package_ids.at(0);
  auto uploaded = env.service().run_action(env.br, module_id, "invoice.upload", second,
                                           upload_input(package_id, same_key.xml()), env.link(env.br));
  ASSERT_TRUE(uploaded.ok()) << uploaded.err().message;

  deliver_invoice_decision(package_id);

  second = env.fetch_view(env.br, second.order_id);
  auto verdict = env.service().check_ship(env.br, second, env.link(env.br));
  EXPECT_FALSE(verdict.allowed);
  EXPECT_NE(verdict.reason.find("already used for another package"), std::string::npos) << verdict.reason;
  auto status = env.service().run_action(env.br, module_id, "invoice.status", second, {}, env.link(env.br));
  ASSERT_TRUE(status.ok()) << status.err().message;
  json::value package = json::parse(status->result_json).at("packages").at(0);
  EXPECT_EQ(package.at("status").as_string(), "INVALID");
  EXPECT_EQ(package.at("invalid_reason").as_string(), "ACCESS_KEY_DUPLICATE");
}

TEST_F(BrInvoiceE2e, PollingFindsTheDecisionWhenNoWebhookArrives) {
  plugin::order_view order = new_order();
  const std::string package_id = order.package_ids.at(0);
  auto uploaded =
      env.service().run_action(env.br, module_id, "invoice.upload", order,
                               upload_input(package_id, nfe_for(order, "000000303").xml()), env.link(env.br));
  ASSERT_TRUE(uploaded.ok()) << uploaded.err().message;
  env.advance(5);
  env.settle();

  order = env.fetch_view(env.br, order.order_id);
  auto status = env.service().run_action(env.br, module_id, "invoice.status", order, {}, env.link(env.br));
  ASSERT_TRUE(status.ok()) << status.err().message;
  EXPECT_EQ(json::parse(status->result_json).at("packages").at(0).at("status").as_string(), "SUCCESS");
  EXPECT_TRUE(env.service().check_ship(env.br, order, env.link(env.br)).allowed);
}

TEST_F(BrInvoiceE2e, AnInvalidNfeIsRefusedBeforeAnyUpload) {
  plugin::order_view order = new_order();
  br::test::nfe_builder cancelled = nfe_for(order, "000000404");
  cancelled.protocol_status = "101";
  auto uploaded =
      env.service().run_action(env.br, module_id, "invoice.upload", order,
                               upload_input(order.package_ids.at(0), cancelled.xml()), env.link(env.br));
  ASSERT_FALSE(uploaded.ok());
  EXPECT_EQ(uploaded.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(uploaded.err().message.find("nfeProc/protNFe/infProt/cStat: expected 100"), std::string::npos)
      << uploaded.err().message;
  EXPECT_EQ(env.calls_to("/fulfillment/202502/invoice/upload"), 0u);
}

}  // namespace
}  // namespace kingkung::markets_test
