// POST /api/v1/jobs and GET /api/v1/jobs/{id}[/file]: bulk ship, labels and packing slips.
#include <gtest/gtest.h>

#include <set>

#include "fulfil_support.hpp"
#include "kingkung/documents/pdf_reader.hpp"
#include "kingkung/storage/package_repository.hpp"

namespace kingkung::fulfil_test {
namespace {

using web_test::br_shop_id;
using web_test::us_shop_id;

// One host and one signed-in demo client for the suite: each test works on orders of its own.
class WebFulfilJobs : public web_test::shared_host<WebFulfilJobs> {
 protected:
  static json::array orders_json(std::string_view shop, const std::vector<std::string>& ids) {
    json::array a;
    for (const auto& id : ids) a.push_back(json::object{{"shop_id", shop}, {"order_id", id}});
    return a;
  }
  static std::string submit(web_client& c, std::string_view kind, json::array orders) {
    auto r =
        c.post("/api/v1/jobs", json::serialize(json::object{{"kind", kind}, {"orders", std::move(orders)}}));
    if (r.result_int() != 202) throw std::runtime_error("POST /api/v1/jobs answered " + r.body());
    return std::string(web_client::json(r).at("job").at("id").as_string());
  }
};

TEST_F(WebFulfilJobs, BulkShipProcessesEveryOrderAndListsTheOneThatFailed) {
  auto& c = demo();
  auto us = new_orders(app(), us_shop_id, 3);
  auto br = new_orders(app(), br_shop_id, 1).front();  // no invoice: blocked
  auto orders = orders_json(us_shop_id, us);
  orders.push_back(json::object{{"shop_id", br_shop_id}, {"order_id", br}});
  auto created = c.post("/api/v1/jobs", json::serialize(json::object{{"kind", "ship"}, {"orders", orders}}));
  ASSERT_EQ(created.result_int(), 202) << created.body();
  auto first = web_client::json(created).at("job");
  EXPECT_EQ(first.at("total"), 4);

  auto job = wait_for_job(c, std::string(first.at("id").as_string()));
  EXPECT_EQ(job.at("state"), "done");
  EXPECT_EQ(job.at("done"), 4);
  EXPECT_EQ(job.at("failed"), 1);
  ASSERT_EQ(job.at("errors").as_array().size(), 1u);
  EXPECT_EQ(job.at("errors").as_array()[0].at("order_id"), json::value(br));
  EXPECT_NE(std::string(job.at("errors").as_array()[0].at("message").as_string()).find("NF-e"),
            std::string::npos);
  for (const auto& id : us)
    EXPECT_EQ(platform_order(app(), us_shop_id, id).status_text, "AWAITING_COLLECTION");
}

TEST_F(WebFulfilJobs, LabelsJobGivesOnePdfPagePerPackageWithItsTrackingNumber) {
  auto& c = demo();
  auto ids = new_orders(app(), us_shop_id, 3);
  auto shipped = wait_for_job(c, submit(c, "ship", orders_json(us_shop_id, ids)));
  ASSERT_EQ(shipped.at("failed"), 0) << json::serialize(shipped);

  auto job = wait_for_job(c, submit(c, "labels", orders_json(us_shop_id, ids)));
  ASSERT_EQ(job.at("state"), "done") << json::serialize(job);
  ASSERT_TRUE(job.contains("download_url"));
  auto file = c.get(std::string(job.at("download_url").as_string()));
  ASSERT_EQ(file.result_int(), 200) << file.body();
  EXPECT_EQ(file[boost::beast::http::field::content_type], "application/pdf");
  auto pdf = documents::read_pdf(file.body());
  ASSERT_TRUE(pdf) << pdf.err().message;
  std::vector<std::string> tracking;
  for (const auto& id : ids)
    for (const auto& line : platform_order(app(), us_shop_id, id).lines)
      tracking.push_back(line.tracking_number);
  ASSERT_EQ(pdf->pages.size(), ids.size());
  for (const auto& t : tracking) {
    ASSERT_FALSE(t.empty());
    int pages_with_it = 0;
    for (const auto& p : pdf->pages) pages_with_it += p.text.find(t) != std::string::npos;
    EXPECT_EQ(pages_with_it, 1) << t;
  }
}

TEST_F(WebFulfilJobs, LabelsOfUnshippedOrdersFailTheJobWithEachOrdersReason) {
  auto& c = demo();
  auto ids = new_orders(app(), us_shop_id, 1);
  auto job = wait_for_job(c, submit(c, "labels", orders_json(us_shop_id, ids)));
  EXPECT_EQ(job.at("state"), "failed");
  EXPECT_EQ(job.at("failed"), 1);
  EXPECT_FALSE(job.contains("download_url"));
  EXPECT_EQ(c.get("/api/v1/jobs/" + std::string(job.at("id").as_string()) + "/file").result_int(), 409);
}

TEST_F(WebFulfilJobs, PackingSlipsShowEachOrderAndNoPhoneNumber) {
  auto& c = demo();
  auto ids = new_orders(app(), br_shop_id, 2);
  auto job = wait_for_job(c, submit(c, "packing_slips", orders_json(br_shop_id, ids)));
  ASSERT_EQ(job.at("state"), "done") << json::serialize(job);
  auto file = c.get(std::string(job.at("download_url").as_string()));
  ASSERT_EQ(file.result_int(), 200);
  auto pdf = documents::read_pdf(file.body());
  ASSERT_TRUE(pdf) << pdf.err().message;
  ASSERT_EQ(pdf->pages.size(), 2u);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto order = platform_order(app(), br_shop_id, ids[i]);
    EXPECT_NE(pdf->pages[i].text.find("Order " + ids[i]), std::string::npos);
    EXPECT_NE(pdf->pages[i].text.find(order.lines.at(0).product_name), std::string::npos);
    ASSERT_FALSE(order.recipient.phone_number.empty());
    EXPECT_EQ(pdf->pages[i].text.find(order.recipient.phone_number), std::string::npos);
  }
}

TEST_F(WebFulfilJobs, AnotherSellersJobIsNotFound) {
  auto& c = demo();
  auto id = submit(c, "packing_slips", orders_json(us_shop_id, new_orders(app(), us_shop_id, 1)));
  wait_for_job(c, id);
  auto other = other_seller(app(), "owner@jobs-other.example");
  EXPECT_EQ(other.get("/api/v1/jobs/" + id).result_int(), 404);
  EXPECT_EQ(other.get("/api/v1/jobs/" + id + "/file").result_int(), 404);
  EXPECT_EQ(c.get("/api/v1/jobs/" + id + "/file").result_int(), 200);
}

TEST_F(WebFulfilJobs, AJobNamingAnotherSellersOrderIsNotFoundAndNothingRuns) {
  auto id = new_orders(app(), us_shop_id, 1).front();
  auto other = other_seller(app(), "owner@jobs-other2.example");
  const auto before = ship_calls(app(), us_shop_id);
  auto r =
      other.post("/api/v1/jobs",
                 json::serialize(json::object{{"kind", "ship"}, {"orders", orders_json(us_shop_id, {id})}}));
  ASSERT_EQ(r.result_int(), 404) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field"), "orders[0]");
  EXPECT_EQ(ship_calls(app(), us_shop_id), before);
}

TEST_F(WebFulfilJobs, UnknownKindIsRefusedNamingTheField) {
  auto& c = demo();
  auto r = c.post("/api/v1/jobs", R"({"kind":"invoices","orders":[{"shop_id":"1","order_id":"2"}]})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field"), "kind");
}

}  // namespace
}  // namespace kingkung::fulfil_test
