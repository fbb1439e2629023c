// The production path on the wire: the core client, the real tiktok-live plugin loaded through the plugin
// host, verified TLS to `kingkung sim-server --tls` on loopback with a CA and certificate made for this run.
// Every step of a seller's day goes over HTTPS (token get, authorized shops, order sync, product edit,
// Mexico split, Brazil invoice upload) and each test checks what the platform answered.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "../tiktok_sim/sim_env.hpp"
#include "kingkung/config/value_table.hpp"
#include "kingkung/plugins/plugin_host.hpp"
#include "kingkung/tiktok/api.hpp"
#include "sim_server_process.hpp"
#include "test_pki.hpp"

namespace kingkung::live_test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using tiktok::shop_ref;
using tiktok_sim_test::app_key;
using tiktok_sim_test::app_secret;
using tiktok_sim_test::br_shop_id;
using tiktok_sim_test::first_code;
using tiktok_sim_test::grant_tokens;
using tiktok_sim_test::mx_shop_id;
using tiktok_sim_test::us_shop_id;

const std::string cli_binary = KINGKUNG_BINARY_DIR "/bin/kingkung";
const std::filesystem::path live_plugin = std::filesystem::path(KINGKUNG_PLUGIN_DIR) / "libtiktok-live.so";

// Generous bounds so a broken build fails the test instead of hanging it; no timing is asserted.
constexpr auto start_limit = 60s;
constexpr auto stop_limit = 20s;

std::string sim_config(const std::string& secret_file) {
  std::string shops;
  auto shop = [&](const char* key, std::string_view id, const char* region, const char* type) {
    shops += std::string("[plugins.config.tiktok-sim.shop.") + key + "]\nid = \"" + std::string(id) +
             "\"\nregion = \"" + region + "\"\nseller_type = \"" + type + "\"\norders = 6\n";
  };
  shop("demo-mx", mx_shop_id, "MX", "CROSS_BORDER");
  shop("demo-br", br_shop_id, "BR", "LOCAL");
  shop("demo-us", us_shop_id, "US", "LOCAL");
  return "[database]\nurl = \"sqlite3:state/kingkung.db\"\n"
         "[vault]\nkey_file = \"state/master.key\"\n"
         "[tiktok]\napp_key = \"" +
         std::string(app_key) + "\"\napp_secret_file = \"" + secret_file +
         "\"\n"
         "[transports]\ndefault = \"tiktok-sim\"\n"
         "[plugins]\ndir = \"" KINGKUNG_PLUGIN_DIR
         "\"\nload = [\"tiktok-sim\"]\n"
         "[log]\nlevel = \"warn\"\n"
         "[plugins.config.tiktok-sim]\napp_key = \"" +
         std::string(app_key) + "\"\napp_secret_file = \"" + secret_file +
         "\"\nseed = 20261129\nshops = [\"demo-mx\", \"demo-br\", \"demo-us\"]\n" + shops;
}

// An NF-e as distributed (nfeProc) with a valid 44-digit access key (mod 11 check digit) and
// authorisation status 100.
std::string authorised_nfe(std::string first43) {
  int sum = 0;
  int weight = 2;
  for (auto it = first43.rbegin(); it != first43.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = weight == 9 ? 2 : weight + 1;
  }
  int r = sum % 11;
  std::string key = first43 + static_cast<char>('0' + (r < 2 ? 0 : 11 - r));
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nfeProc versao=\"4.00\"><NFe><infNFe Id=\"NFe" + key +
         "\" versao=\"4.00\"><ide><mod>55</mod></ide></infNFe></NFe><protNFe><infProt><chNFe>" + key +
         "</chNFe><cStat>100</cStat></infProt></protNFe></nfeProc>";
}

// One simulator served over TLS for the whole suite; every test makes its own orders, so none depends on
// another's.
class LiveWholeFlow : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ca_ = std::make_unique<live::testkit::test_ca>("KingKung Whole-Flow CA");
    dir_ = std::make_unique<live::testkit::temp_dir>();
    auto leaf = ca_->issue();  // localhost and 127.0.0.1
    ca_file_ = dir_->write("ca.pem", ca_->cert_pem());
    const auto cert = dir_->write("server.pem", leaf.cert_pem);
    const auto key = dir_->write("server.key", leaf.key_pem);
    const auto secret_file = dir_->write("app-secret", std::string(app_secret) + "\n");
    const auto config = dir_->write("sim.toml", sim_config(secret_file));
    std::filesystem::create_directories(std::filesystem::path(dir_->path()) / "sim");

    server_ = std::make_unique<sim_server_process>(
        cli_binary,
        std::vector<std::string>{"--config", config, "sim-server", "--tls", "--cert", cert, "--key", key,
                                 "--port", "0", "--data-dir", dir_->path() + "/sim"},
        dir_->path() + "/sim-server.err");
    if (auto url = server_->wait_for_url(start_limit))
      url_ = *url;
    else
      setup_problem_ = "kingkung sim-server did not start: " + server_->problem();
  }

  static void TearDownTestSuite() {
    if (server_ && server_->running()) {
      auto code = server_->stop(stop_limit);
      EXPECT_EQ(code, 0) << "sim-server did not stop cleanly on SIGTERM: " << server_->problem();
    }
    server_.reset();
    dir_.reset();
    ca_.reset();
  }

  void SetUp() override {
    ASSERT_TRUE(setup_problem_.empty()) << setup_problem_;
    ASSERT_EQ(url_.rfind("https://127.0.0.1:", 0), 0u) << "first line of sim-server: " << url_;
    transport_ = load_live_transport(ca_file_);
    tiktok::client_options o;
    o.app_key = std::string(app_key);
    o.app_secret = secret(std::string(app_secret));
    o.qps_per_api = 1000;
    o.backoff.max_retries = 0;  // a failure on the wire must show, not be retried away
    tiktok::client_services s;
    s.transport = transport_;
    s.tokens = tokens_;
    s.observer = observer_;
    api_ = std::make_unique<tiktok::client>(std::move(o), std::move(s));
    tokens_->attach(*api_);
  }

  // The tiktok-live plugin, loaded as the hosts load it, pointed at the simulator and trusting `ca_file`.
  std::shared_ptr<plugin::transport> load_live_transport(const std::string& ca_file) {
    using vt = config::value_table;
    std::map<std::string, vt::value> values{
        {"api_base_url", url_},
        {"auth_base_url", url_},
        {"ca_file", ca_file},
        {"pool_max_per_host", std::int64_t{2}},
    };
    plugins::host_services services;
    services.data_dir = dir_->path();
    services.plugin_config["tiktok-live"] =
        std::make_shared<vt>("whole-flow [plugins.config.tiktok-live]", std::move(values));
    host_ = std::make_unique<plugins::plugin_host>(std::move(services));
    auto report = host_->load_file(live_plugin);
    if (report.status != plugins::load_status::loaded)
      throw std::runtime_error("tiktok-live not loaded from " + live_plugin.string() + ": " + report.reason);
    auto made = host_->make_transport("tiktok-live");
    if (!made.ok()) throw std::runtime_error("tiktok-live transport: " + made.err().message);
    return made.value();
  }

  void TearDown() override {
    api_.reset();
    transport_.reset();
    host_.reset();
  }

  // A control call (/__sim/...) over the same TLS transport; the `data` of an answer that must succeed.
  json::value control(const std::string& path, const json::value& body) {
    plugin::http_request r;
    r.method = "POST";
    r.host = plugin::host_kind::api;
    r.target = path;
    r.body = json::serialize(body);
    r.headers.push_back({"content-type", "application/json"});
    auto sent = transport_->send(r);
    if (!sent.ok()) throw std::runtime_error("control " + path + " failed: " + sent.err().message);
    auto envelope = json::parse(sent.value().body).as_object();
    if (envelope.at("code").as_int64() != 0)
      throw std::runtime_error("control " + path + " refused: " + sent.value().body);
    return envelope.at("data");
  }

  std::vector<std::string> create_orders(std::string_view shop_id, int count, std::string_view scenario) {
    auto data = control(
        "/__sim/orders",
        json::object{
            {"shop", shop_id}, {"count", count}, {"status", "AWAITING_SHIPMENT"}, {"scenario", scenario}});
    std::vector<std::string> ids;
    for (const auto& id : data.at("order_ids").as_array()) ids.emplace_back(id.as_string());
    return ids;
  }

  secret auth_code(std::string_view shop_id) {
    return secret(
        std::string(control("/__sim/authorize", json::object{{"shop", shop_id}}).at("code").as_string()));
  }

  // OAuth for one shop: code, token get, authorized shops; the shop with its cipher.
  shop_ref connect(std::string_view shop_id) {
    auto grant = tiktok::get_access_token(*api_, auth_code(shop_id));
    if (!grant) throw std::runtime_error("token/get: " + grant.err().to_string());
    auto shops = tiktok::get_authorized_shops(*api_, grant->access_token);
    if (!shops) throw std::runtime_error("authorized shops: " + shops.err().to_string());
    for (const auto& s : *shops)
      if (s.id == shop_id) {
        tokens_->store(s.id, *grant);
        return shop_ref{s.id, s.cipher};
      }
    throw std::runtime_error("shop " + std::string(shop_id) + " not among the authorized shops");
  }

  domain::order one_order(const shop_ref& shop, const std::string& id) {
    auto orders = tiktok::get_order_detail(*api_, shop, {id});
    if (!orders.ok()) throw std::runtime_error(orders.err().to_string());
    if (orders->size() != 1) throw std::runtime_error("order " + id + " not returned");
    return orders->front();
  }

  static inline std::unique_ptr<live::testkit::test_ca> ca_;
  static inline std::unique_ptr<live::testkit::temp_dir> dir_;
  static inline std::unique_ptr<sim_server_process> server_;
  static inline std::string ca_file_;
  static inline std::string url_;
  static inline std::string setup_problem_;

  std::unique_ptr<plugins::plugin_host> host_;
  std::shared_ptr<plugin::transport> transport_;
  std::shared_ptr<grant_tokens> tokens_ = std::make_shared<grant_tokens>();
  std::shared_ptr<tiktok_sim_test::counting_observer> observer_ =
      std::make_shared<tiktok_sim_test::counting_observer>();
  std::unique_ptr<tiktok::client> api_;
};

TEST_F(LiveWholeFlow, TransportDescribesTheSimulatorUrlAndTheConfiguredCa) {
  const auto text = transport_->describe();
  EXPECT_NE(text.find("api " + url_), std::string::npos) << text;
  EXPECT_NE(text.find("auth " + url_), std::string::npos) << text;
  EXPECT_NE(text.find("CA file " + ca_file_), std::string::npos) << text;
}

TEST_F(LiveWholeFlow, TokenGetOnTheAuthHostGivesTokensForTheShopsSeller) {
  auto grant = tiktok::get_access_token(*api_, auth_code(mx_shop_id));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  EXPECT_EQ(grant->access_token.reveal().rfind("TTP_", 0), 0u);
  EXPECT_EQ(grant->refresh_token.reveal().rfind("TTP_", 0), 0u);
  EXPECT_GT(grant->access_token_expire_in, api_->now_unix());
  EXPECT_EQ(grant->seller_base_region, "MX");
  ASSERT_EQ(observer_->records.size(), 1u);
  EXPECT_EQ(observer_->records.front().host, plugin::host_kind::auth);
  EXPECT_EQ(observer_->records.front().http_status, 200);
  EXPECT_FALSE(observer_->records.front().request_id.empty());
}

TEST_F(LiveWholeFlow, AuthorizedShopsNameTheShopWithItsCipherRegionAndSellerType) {
  auto grant = tiktok::get_access_token(*api_, auth_code(br_shop_id));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  auto shops = tiktok::get_authorized_shops(*api_, grant->access_token);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  ASSERT_EQ(shops->size(), 1u);
  EXPECT_EQ(shops->front().id, br_shop_id);
  EXPECT_EQ(shops->front().region, "BR");
  EXPECT_EQ(shops->front().seller_type, "LOCAL");
  EXPECT_FALSE(shops->front().cipher.empty());
}

TEST_F(LiveWholeFlow, OrderSyncSeesNewOrdersInSearchAndReadsThemInDetail) {
  auto shop = connect(us_shop_id);
  auto created = create_orders(us_shop_id, 3, "single");
  ASSERT_EQ(created.size(), 3u);

  tiktok::search_orders_request req;
  req.page_size = 2;  // several pages, so next_page_token crosses the wire too
  req.order_status = "AWAITING_SHIPMENT";
  auto all = tiktok::search_all_orders(*api_, shop, req);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  std::set<std::string> listed;
  for (const auto& o : *all) {
    EXPECT_EQ(o.status, domain::order_status::awaiting_shipment) << o.id;
    listed.insert(o.id);
  }
  for (const auto& id : created) EXPECT_TRUE(listed.count(id)) << id << " missing from the search";
  EXPECT_GT(observer_->count_path_prefix("/order/202309/orders/search"), 1u);

  auto detail = tiktok::get_order_detail(*api_, shop, created);
  ASSERT_TRUE(detail.ok()) << detail.err().to_string();
  ASSERT_EQ(detail->size(), created.size());
  for (const auto& o : *detail) {
    EXPECT_TRUE(std::find(created.begin(), created.end(), o.id) != created.end()) << o.id;
    EXPECT_EQ(o.shop_id, us_shop_id);
    EXPECT_FALSE(o.lines.empty()) << o.id;
    EXPECT_EQ(o.package_ids.size(), 1u) << o.id;
  }
}

TEST_F(LiveWholeFlow, ProductPartialEditIsAcceptedForAuditAndShowsInGetProduct) {
  auto shop = connect(us_shop_id);
  tiktok::search_products_request req;
  req.page_size = 5;
  req.status = "ACTIVATE";
  auto page = tiktok::search_products(*api_, shop, req);
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_FALSE(page->products.empty());
  const auto product_id = page->products.front().id;

  tiktok::partial_edit_request edit;
  edit.title = "KingKung wire test: insulated bottle, 750 ml";
  auto edited = tiktok::partial_edit_product(*api_, shop, product_id, edit);
  ASSERT_TRUE(edited.ok()) << edited.err().to_string();
  EXPECT_EQ(edited->product_id, product_id);
  EXPECT_EQ(edited->audit_status, "AUDITING");  // a new title is audited again
  EXPECT_FALSE(edited->request_id.empty());

  auto got = tiktok::get_product(*api_, shop, product_id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  EXPECT_EQ(got->title, *edit.title);
  EXPECT_EQ(got->status, "PENDING");
}

TEST_F(LiveWholeFlow, MustSplitMexicanOrderIsReportedAndSplitIntoShippablePackages) {
  auto shop = connect(mx_shop_id);
  auto order = one_order(shop, create_orders(mx_shop_id, 1, "must_split_total").front());
  ASSERT_EQ(order.package_ids.size(), 1u);

  auto attrs = tiktok::get_split_attributes(*api_, shop, {order.id});
  ASSERT_TRUE(attrs.ok()) << attrs.err().to_string();
  ASSERT_EQ(attrs->size(), 1u);
  EXPECT_EQ(attrs->front().order_id, order.id);
  EXPECT_TRUE(attrs->front().must_split);
  EXPECT_TRUE(attrs->front().can_split);
  EXPECT_FALSE(attrs->front().must_split_reasons.empty());

  std::vector<tiktok::splittable_group> groups;
  for (const auto& line : order.lines) groups.push_back({"g" + std::to_string(groups.size() + 1), {line.id}});
  ASSERT_GE(groups.size(), 2u);
  auto split = tiktok::split_order(*api_, shop, order.id, groups);
  ASSERT_TRUE(split.ok()) << split.err().to_string();
  ASSERT_EQ(split->packages.size(), groups.size());
  std::set<std::string> echoed;
  for (const auto& p : split->packages) {
    echoed.insert(p.splittable_group_id);
    EXPECT_FALSE(p.package_id.empty());
  }
  EXPECT_EQ(echoed.size(), groups.size());
  EXPECT_EQ(one_order(shop, order.id).package_ids.size(), groups.size());
}

TEST_F(LiveWholeFlow, BrazilianInvoiceUploadIsAcceptedAndPutsTheOrderInProcessing) {
  auto shop = connect(br_shop_id);
  auto order = one_order(shop, create_orders(br_shop_id, 1, "single").front());
  ASSERT_EQ(order.package_ids.size(), 1u);
  auto uploaded = tiktok::upload_invoices(*api_, shop,
                                          {{order.package_ids.front(),
                                            {order.id},
                                            authorised_nfe("3525110000000000000055001000000777100000007")}});
  ASSERT_EQ(first_code(uploaded), 0) << (uploaded.ok() ? uploaded->errors.front().message
                                                       : uploaded.err().to_string());
  EXPECT_FALSE(uploaded->request_id.empty());
  EXPECT_EQ(one_order(shop, order.id).need_upload_invoice, "INVOICE_PROCESSING");
}

TEST_F(LiveWholeFlow, InvoiceForAnOrderOutsideThePackageIsRefusedWithThePlatformCode) {
  auto shop = connect(br_shop_id);
  auto ids = create_orders(br_shop_id, 2, "single");
  auto order = one_order(shop, ids[0]);
  auto uploaded = tiktok::upload_invoices(
      *api_, shop,
      {{order.package_ids.front(), {ids[1]}, authorised_nfe("3525110000000000000055001000000778100000008")}});
  EXPECT_EQ(first_code(uploaded), 21008111);
}

TEST_F(LiveWholeFlow, SimulatorCertificateIsRefusedWhenAnotherCaIsTrusted) {
  live::testkit::test_ca other("Another CA");
  const auto other_file = dir_->write("other-ca.pem", other.cert_pem());
  api_.reset();
  transport_.reset();
  transport_ = load_live_transport(other_file);
  tiktok::client_options o;
  o.app_key = std::string(app_key);
  o.app_secret = secret(std::string(app_secret));
  o.backoff.max_retries = 0;
  tiktok::client_services s;
  s.transport = transport_;
  s.tokens = tokens_;
  tiktok::client untrusting(std::move(o), std::move(s));

  auto grant = tiktok::get_access_token(untrusting, secret(std::string("any-code")));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.err().kind, tiktok::error_class::transport) << grant.err().to_string();
  EXPECT_EQ(grant.err().transport_code, plugin::errc::tls_error) << grant.err().to_string();
  EXPECT_EQ(grant.err().http_status, 0);
}

}  // namespace
}  // namespace kingkung::live_test
