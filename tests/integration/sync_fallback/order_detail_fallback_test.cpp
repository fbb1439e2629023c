// Order sync when Get Order Detail leaves a listed order out (the simulator's omit_orders fault): the
// order is stored as the Search Orders page listed it; a malformed field on that listing fails the run
// with the field named and nothing of the page lost; a later read with the detail replaces the copy.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../sync/sync_test_support.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::sync_test {
namespace {

namespace json = tiktok_sim_test::json;
using tiktok_sim_test::us_shop_id;

// A transport that edits chosen orders of Search Orders answers before the client reads them, standing
// in for a platform whose search page carries less than, or differs from, its detail answer.
class search_page_editor final : public plugin::transport {
 public:
  using edit = std::function<void(json::object& order)>;

  explicit search_page_editor(std::shared_ptr<plugin::transport> inner) : inner_(std::move(inner)) {}

  void edit_order(const std::string& order_id, edit e) {
    std::lock_guard lock(mu_);
    edits_[order_id] = std::move(e);
  }
  // Where the edited order stood on the last page that listed it (its index in data.orders).
  std::optional<std::size_t> last_position(const std::string& order_id) {
    std::lock_guard lock(mu_);
    auto it = positions_.find(order_id);
    if (it == positions_.end()) return std::nullopt;
    return it->second;
  }

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    auto answer = inner_->send(request);
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (!answer.ok() || request.method != "POST" || !path.ends_with("/orders/search")) return answer;
    std::lock_guard lock(mu_);
    auto envelope = json::parse(answer.value().body).as_object();
    auto* data = envelope["data"].if_object();
    if (data == nullptr) return answer;
    auto& orders = (*data)["orders"].as_array();
    for (std::size_t i = 0; i < orders.size(); ++i) {
      auto& order = orders[i].as_object();
      auto it = edits_.find(std::string(order.at("id").as_string()));
      if (it == edits_.end()) continue;
      it->second(order);
      positions_[it->first] = i;
    }
    answer.value().body = json::serialize(envelope);
    return answer;
  }
  std::string describe() const override { return "search page editor over " + inner_->describe(); }

 private:
  std::shared_ptr<plugin::transport> inner_;
  std::mutex mu_;
  std::map<std::string, edit> edits_;
  std::map<std::string, std::size_t> positions_;
};

// Makes a money field a JSON number, which the product refuses (money is a decimal string).
void break_total_amount(json::object& order) {
  order["payment"].as_object()["total_amount"] = 12.5;
}

// What a search page might leave out: the line items and the recipient's address.
void thin_out(json::object& order) {
  order.erase("line_items");
  order.erase("recipient_address");
}

// Collects the product's log lines for one test.
class log_capture {
 public:
  log_capture() {
    log::set_sink([this](std::string_view line) {
      std::lock_guard lock(mu_);
      lines_.emplace_back(line);
    });
  }
  ~log_capture() { log::set_sink(nullptr); }
  log_capture(const log_capture&) = delete;
  log_capture& operator=(const log_capture&) = delete;

  bool has_line_with(std::initializer_list<std::string_view> parts) {
    std::lock_guard lock(mu_);
    return std::any_of(lines_.begin(), lines_.end(), [&](const std::string& line) {
      return std::all_of(parts.begin(), parts.end(),
                         [&](std::string_view p) { return line.find(p) != std::string::npos; });
    });
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

class SyncDetailFallback : public sync_test {
 protected:
  void SetUp() override {
    sync_test::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    start();
    editor_ = std::make_shared<search_page_editor>(env().transport);
    env().transport = editor_;
    env().api = env().make_client(std::string(tiktok_sim_test::app_secret), 1000, 0);
    env().tokens->attach(*env().api);
    shop_ = link(us_shop_id);
    // Fresh orders with several lines, awaiting shipment (so the address is given). They are the newest,
    // so they share the last Search Orders page; the target is one in the middle of them.
    target_ = env().create_orders(us_shop_id, 5, "multi_sku").at(2);
    pass_time(1);
  }

  search_page_editor& editor() { return *editor_; }
  const sync::shop_link& shop() const { return shop_; }
  const std::string& target() const { return target_; }

  // Get Order Detail leaves `order_id` out of its next `count` answers that ask for it.
  void omit_from_detail(const std::string& order_id, int count = 1) {
    env().control_data("POST", "/__sim/faults/next",
                       json::object{{"kind", "omit_orders"},
                                    {"order_ids", json::array{json::string(order_id)}},
                                    {"count", count},
                                    {"shop", us_shop_id}});
  }
  // How many Get Order Detail answers the simulator has sent with orders left out.
  std::int64_t omissions_injected() {
    auto report = env().control_data("GET", "/__sim/faults");
    return report.at("injected").at("omit_orders").as_int64();
  }

  // The order as Get Order Detail gives it now.
  domain::order platform_detail(const std::string& order_id) {
    auto detail = tiktok::get_order_detail(*env().api, shop_.shop, {order_id});
    EXPECT_TRUE(detail.ok()) << (detail.ok() ? "" : detail.err().to_string());
    if (!detail.ok() || detail->size() != 1) {
      ADD_FAILURE() << "Get Order Detail did not return " << order_id;
      return {};
    }
    return detail->front();
  }
  std::optional<domain::order> stored(const std::string& order_id) {
    auto found = storage::order_repository(db()).get(us_shop_id, order_id);
    EXPECT_TRUE(found.ok()) << (found.ok() ? "" : found.err().message);
    return found.ok() ? *found : std::nullopt;
  }

 private:
  std::shared_ptr<search_page_editor> editor_;
  sync::shop_link shop_;
  std::string target_;
};

TEST_P(SyncDetailFallback, AnOrderLeftOutOfTheDetailAnswerIsStoredFromTheSearchPage) {
  const auto expected = platform_detail(target());
  ASSERT_GE(expected.lines.size(), 2u) << "a multi-SKU order";
  ASSERT_FALSE(expected.recipient.full_address.empty());
  ASSERT_GT(expected.pay.total_amount, decimal());
  omit_from_detail(target());

  auto report = make_engine().sync_orders(shop());
  ASSERT_TRUE(report.ok) << report.error;
  ASSERT_EQ(omissions_injected(), 1) << "the detail answer left the order out";

  auto o = stored(target());
  ASSERT_TRUE(o.has_value()) << "the order left out of the detail answer was not stored";
  EXPECT_EQ(o->status, domain::order_status::awaiting_shipment);
  EXPECT_EQ(o->status_text, expected.status_text);
  EXPECT_EQ(o->create_time, expected.create_time);
  EXPECT_EQ(o->update_time, expected.update_time);
  EXPECT_EQ(o->pay.currency, expected.pay.currency);
  EXPECT_EQ(o->pay.sub_total, expected.pay.sub_total);
  EXPECT_EQ(o->pay.shipping_fee, expected.pay.shipping_fee);
  EXPECT_EQ(o->pay.tax, expected.pay.tax);
  EXPECT_EQ(o->pay.total_amount, expected.pay.total_amount);
  EXPECT_EQ(o->buyer_user_id, expected.buyer_user_id);
  EXPECT_EQ(o->buyer_email, expected.buyer_email);
  EXPECT_EQ(o->recipient.name, expected.recipient.name);
  EXPECT_EQ(o->recipient.full_address, expected.recipient.full_address);
  EXPECT_EQ(o->recipient.postal_code, expected.recipient.postal_code);
  ASSERT_EQ(o->lines.size(), expected.lines.size());
  for (std::size_t i = 0; i < o->lines.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(i));
    EXPECT_EQ(o->lines[i].id, expected.lines[i].id);
    EXPECT_EQ(o->lines[i].sku_id, expected.lines[i].sku_id);
    EXPECT_EQ(o->lines[i].product_name, expected.lines[i].product_name);
    EXPECT_EQ(o->lines[i].sale_price, expected.lines[i].sale_price);
    EXPECT_EQ(o->lines[i].original_price, expected.lines[i].original_price);
  }
  EXPECT_EQ(o->package_ids, expected.package_ids);
  EXPECT_EQ(o->raw_json, expected.raw_json) << "the platform's order object, as the search page sent it";
}

TEST_P(SyncDetailFallback, TheOtherOrdersOfThePageAreStoredAndTheRunCompletes) {
  omit_from_detail(target());
  auto report = make_engine().sync_orders(shop());
  ASSERT_TRUE(report.ok) << report.error;
  ASSERT_EQ(omissions_injected(), 1);
  EXPECT_GT(faults().detail_batch_of(target()).size(), 1u) << "the order shared its page with others";
  EXPECT_EQ(stored_orders(us_shop_id), platform_orders(shop()));
}

TEST_P(SyncDetailFallback, TheSearchCopyComesFromTheSearchPageNotFromAnotherRead) {
  editor().edit_order(target(), thin_out);
  omit_from_detail(target());
  ASSERT_TRUE(make_engine().sync_orders(shop()).ok);
  auto o = stored(target());
  ASSERT_TRUE(o.has_value());
  EXPECT_TRUE(o->lines.empty()) << "the search page carried no line items";
  EXPECT_TRUE(o->recipient.full_address.empty());
  EXPECT_EQ(o->raw_json.find("line_items"), std::string::npos);
}

TEST_P(SyncDetailFallback, AMalformedFieldOnAListingTheDetailAnswerReturnsDoesNotFailTheRun) {
  const auto expected = platform_detail(target());
  const auto platform = platform_orders(shop());
  editor().edit_order(target(), break_total_amount);
  auto report = make_engine().sync_orders(shop());
  ASSERT_TRUE(report.ok) << report.error;
  ASSERT_TRUE(editor().last_position(target()).has_value()) << "the listing was edited";
  auto o = stored(target());
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->pay.total_amount, expected.pay.total_amount) << "the detail answer's amount";
  EXPECT_EQ(stored_orders(us_shop_id), platform);
}

TEST_P(SyncDetailFallback, AMalformedLeftOutListingFailsTheRunNamingTheField) {
  editor().edit_order(target(), break_total_amount);
  omit_from_detail(target());
  log_capture logs;
  auto report = make_engine().sync_orders(shop());
  ASSERT_FALSE(report.ok) << "a listing that cannot be read, with no detail to fall back on";
  auto position = editor().last_position(target());
  ASSERT_TRUE(position.has_value());
  const std::string field = "data.orders[" + std::to_string(*position) + "].payment.total_amount";
  EXPECT_EQ(report.error.rfind("Search Orders: ", 0), 0u) << report.error;
  EXPECT_NE(report.error.find(field), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("expected a decimal string, found"), std::string::npos) << report.error;

  auto state = storage::sync_state_repository(db()).get(us_shop_id, sync::orders_resource);
  ASSERT_TRUE(state.ok() && state->has_value());
  EXPECT_EQ((*state)->last_error, report.error);
  EXPECT_EQ((*state)->consecutive_failures, 1);
  EXPECT_TRUE(logs.has_line_with({"shop " + std::string(us_shop_id), field}));
}

TEST_P(SyncDetailFallback, AMalformedLeftOutListingLosesNothingOfItsPage) {
  editor().edit_order(target(), break_total_amount);
  omit_from_detail(target());
  ASSERT_FALSE(make_engine().sync_orders(shop()).ok);
  auto page = faults().detail_batch_of(target());
  ASSERT_GT(page.size(), 1u);
  auto kept = stored_orders(us_shop_id);
  for (const auto& id : page) EXPECT_FALSE(kept.contains(id)) << id << " of the failed page was stored";
  const std::int64_t cursor = cursor_of(us_shop_id);
  if (cursor >= 0) {
    EXPECT_LE(cursor, platform_detail(target()).update_time) << "the cursor passed the order";
  }
}

TEST_P(SyncDetailFallback, TheRunAfterAMalformedLeftOutListingStoresTheOrderFromTheDetail) {
  const auto expected = platform_detail(target());
  const auto platform = platform_orders(shop());
  editor().edit_order(target(), break_total_amount);
  omit_from_detail(target());
  auto engine = make_engine();
  ASSERT_FALSE(engine.sync_orders(shop()).ok);

  auto next = engine.sync_orders(shop());  // the listing is still malformed; the detail answers again
  ASSERT_TRUE(next.ok) << next.error;
  auto o = stored(target());
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->pay.total_amount, expected.pay.total_amount);
  EXPECT_EQ(o->raw_json, expected.raw_json);
  EXPECT_EQ(stored_orders(us_shop_id), platform);
}

TEST_P(SyncDetailFallback, AReconciliationReplacesTheSearchCopyWithTheFullDetail) {
  const auto expected = platform_detail(target());
  editor().edit_order(target(), thin_out);
  omit_from_detail(target());
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(shop()).ok);
  auto copy = stored(target());
  ASSERT_TRUE(copy.has_value()) << "the order left out of the detail answer was not stored";
  ASSERT_TRUE(copy->lines.empty());

  pass_time(60);
  auto report = engine.reconcile_orders(shop());
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_GE(report.updated, 1u);
  auto o = stored(target());
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->update_time, expected.update_time) << "the same update, read in full";
  ASSERT_EQ(o->lines.size(), expected.lines.size());
  for (std::size_t i = 0; i < o->lines.size(); ++i) EXPECT_EQ(o->lines[i].id, expected.lines[i].id);
  EXPECT_EQ(o->recipient.full_address, expected.recipient.full_address);
  EXPECT_EQ(o->raw_json, expected.raw_json);
}

TEST_P(SyncDetailFallback, ALaterSyncAfterTheOrderChangesStoresTheFullDetail) {
  editor().edit_order(target(), thin_out);  // every search page from now on lacks lines and address
  omit_from_detail(target());
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(shop()).ok);
  auto copy = stored(target());
  ASSERT_TRUE(copy.has_value()) << "the order left out of the detail answer was not stored";
  ASSERT_TRUE(copy->lines.empty());

  pass_time(30);
  env().control_data("POST", "/__sim/orders/" + target() + "/status",
                     json::object{{"status", "AWAITING_COLLECTION"}});
  pass_time(30);
  const auto expected = platform_detail(target());
  auto report = engine.sync_orders(shop());
  ASSERT_TRUE(report.ok) << report.error;
  auto o = stored(target());
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->status, domain::order_status::awaiting_collection);
  EXPECT_EQ(o->update_time, expected.update_time);
  ASSERT_EQ(o->lines.size(), expected.lines.size());
  EXPECT_FALSE(o->lines.empty());
  EXPECT_EQ(o->recipient.full_address, expected.recipient.full_address);
  EXPECT_EQ(o->raw_json, expected.raw_json);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncDetailFallback);

}  // namespace
}  // namespace kingkung::sync_test
