// The in-memory job runner behind POST /api/v1/jobs, without a server.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api/fulfillment/job_runner.hpp"

namespace kingkung::web::fulfillment {
namespace {

job_spec spec_of(std::int64_t seller, std::size_t n,
                 std::function<std::optional<std::string>(std::size_t)> run,
                 std::function<plugin::result<std::string>()> finish = nullptr) {
  job_spec s;
  s.seller_id = seller;
  s.kind = "ship";
  for (std::size_t i = 0; i < n; ++i) s.orders.push_back({"shop", "order-" + std::to_string(i)});
  s.run_one = std::move(run);
  s.finish = std::move(finish);
  return s;
}

job_snapshot wait_done(job_runner& r, const std::string& id, std::int64_t seller) {
  for (int i = 0; i < 2000; ++i) {
    auto s = r.get(id, seller);
    if (s && s->state != "running") return *s;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return *r.get(id, seller);
}

TEST(WebFulfilJobRunner, ProcessesEveryOrderAndListsEachFailureWithItsOrder) {
  job_runner runner(2);
  auto submitted = runner.submit(spec_of(7, 5, [](std::size_t i) -> std::optional<std::string> {
    if (i == 3) return "order 3 is blocked";
    return std::nullopt;
  }));
  ASSERT_TRUE(submitted);
  EXPECT_EQ(submitted->total, 5u);
  auto done = wait_done(runner, submitted->id, 7);
  EXPECT_EQ(done.state, "done");
  EXPECT_EQ(done.done, 5u);
  EXPECT_EQ(done.failed, 1u);
  ASSERT_EQ(done.errors.size(), 1u);
  EXPECT_EQ(done.errors[0].order_id, "order-3");
  EXPECT_EQ(done.errors[0].message, "order 3 is blocked");
}

TEST(WebFulfilJobRunner, AJobIsInvisibleToAnotherSeller) {
  job_runner runner(1);
  auto submitted = runner.submit(spec_of(7, 1, [](std::size_t) { return std::optional<std::string>(); }));
  ASSERT_TRUE(submitted);
  wait_done(runner, submitted->id, 7);
  EXPECT_FALSE(runner.get(submitted->id, 8));
  EXPECT_FALSE(runner.get("0123456789abcdef0123456789abcdef", 7));
}

TEST(WebFulfilJobRunner, TheFinishingStepMakesTheJobsFile) {
  job_runner runner(2);
  auto submitted = runner.submit(spec_of(
      7, 3, [](std::size_t) { return std::optional<std::string>(); },
      []() -> plugin::result<std::string> { return std::string("%PDF-merged"); }));
  ASSERT_TRUE(submitted);
  auto done = wait_done(runner, submitted->id, 7);
  EXPECT_EQ(done.state, "done");
  EXPECT_TRUE(done.has_file);
  auto file = runner.file_of(submitted->id, 7);
  ASSERT_TRUE(file);
  EXPECT_EQ(*file->bytes, "%PDF-merged");
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_FALSE(runner.file_of(submitted->id, 8));
}

TEST(WebFulfilJobRunner, AFinishingStepThatFailsFailsTheJobWithItsMessage) {
  job_runner runner(1);
  auto submitted = runner.submit(spec_of(
      7, 1, [](std::size_t) { return std::optional<std::string>(); },
      []() -> plugin::result<std::string> {
        return plugin::make_error(plugin::errc::invalid_argument, "the label of package 9 cannot be merged");
      }));
  ASSERT_TRUE(submitted);
  auto done = wait_done(runner, submitted->id, 7);
  EXPECT_EQ(done.state, "failed");
  EXPECT_EQ(done.message, "the label of package 9 cannot be merged");
  EXPECT_FALSE(runner.file_of(submitted->id, 7));
}

TEST(WebFulfilJobRunner, AnOrderThatThrowsIsAFailureNotACrash) {
  job_runner runner(1);
  auto submitted = runner.submit(spec_of(7, 2, [](std::size_t i) -> std::optional<std::string> {
    if (i == 0) throw std::runtime_error("boom");
    return std::nullopt;
  }));
  ASSERT_TRUE(submitted);
  auto done = wait_done(runner, submitted->id, 7);
  EXPECT_EQ(done.done, 2u);
  EXPECT_EQ(done.failed, 1u);
  EXPECT_EQ(done.errors.at(0).message.find("boom"), std::string::npos);  // internals are logged, not shown
}

TEST(WebFulfilJobRunner, NoJobIsTakenAfterStop) {
  job_runner runner(1);
  runner.stop();
  EXPECT_FALSE(runner.submit(spec_of(7, 1, [](std::size_t) { return std::optional<std::string>(); })));
}

}  // namespace
}  // namespace kingkung::web::fulfillment
