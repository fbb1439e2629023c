// The router's matching after its per-request work was cut down (each path decoded once, parameters
// collected for the winning route only), and its exception mapper.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/http/router.hpp"

namespace kingkung::http {
namespace {

request get(std::string target, std::string method = "GET") {
  auto r = request::from_target(std::move(method), std::move(target));
  if (!r) throw std::invalid_argument("bad target");
  return *r;
}

handler answer(std::string body) {
  return [body](const request& req) {
    std::string params;
    for (const auto& [k, v] : req.path_params) params += k + "=" + v + ";";
    return response::text(200, body + "|" + params);
  };
}

class busy_error : public std::runtime_error {
 public:
  busy_error() : std::runtime_error("busy") {}
};

TEST(HttpPerfRouter, APercentEncodedLiteralSegmentStillMatches) {
  router r;
  r.get("/api/v1/orders", answer("orders"));
  EXPECT_EQ(r(get("/api/v1/%6Frders")).body, "orders|");
}

TEST(HttpPerfRouter, ParametersAreDecodedAndOnlyTheWinnersAreKept) {
  router r;
  r.get("/orders/{order_id}/{part}", answer("param"));
  r.get("/orders/export/{part}", answer("literal"));
  EXPECT_EQ(r(get("/orders/a%2Fb/lines")).body, "param|order_id=a/b;part=lines;");
  EXPECT_EQ(r(get("/orders/export/csv")).body, "literal|part=csv;");
}

TEST(HttpPerfRouter, ABrokenEscapeMatchesNoRoute) {
  router r;
  r.get("/orders/{id}", answer("order"));
  request broken;  // request::from_target() refuses such a target; a hand-made request still routes safely
  broken.method = "GET";
  broken.target = "/orders/%G1";
  broken.path = broken.target;
  EXPECT_EQ(r(broken).status, 404u);
}

TEST(HttpPerfRouter, AnEmptyParameterSegmentDoesNotMatch) {
  router r;
  r.get("/orders/{id}/lines", answer("lines"));
  EXPECT_EQ(r(get("/orders//lines")).status, 404u);
}

TEST(HttpPerfRouter, HeadStillFallsBackToGetAndOtherMethodsGet405) {
  router r;
  r.get("/orders/{id}", answer("order"));
  EXPECT_EQ(r(get("/orders/7", "HEAD")).body, "order|id=7;");
  auto refused = r(get("/orders/7", "DELETE"));
  EXPECT_EQ(refused.status, 405u);
  EXPECT_EQ(refused.headers.get("Allow").value_or(""), "GET, HEAD");
}

TEST(HttpPerfRouter, AMappedExceptionBecomesItsAnswerAndTheObserverSeesThatStatus) {
  router r;
  r.post("/api/v1/session", [](const request&) -> response { throw busy_error(); });
  r.on_exception([](const request&, const std::exception& e) -> std::optional<response> {
    if (dynamic_cast<const busy_error*>(&e) == nullptr) return std::nullopt;
    auto a = response::json_error(503, "busy", "try again");
    a.headers.set("Retry-After", "2");
    return a;
  });
  std::vector<unsigned> seen;
  r.on_routed([&](std::string_view, std::string_view, unsigned status, std::chrono::nanoseconds) {
    seen.push_back(status);
  });
  auto a = r(get("/api/v1/session", "POST"));
  EXPECT_EQ(a.status, 503u);
  EXPECT_EQ(a.headers.get("Retry-After").value_or(""), "2");
  EXPECT_EQ(seen, std::vector<unsigned>{503u});
}

TEST(HttpPerfRouter, AnExceptionTheMapperDoesNotKnowStillReachesTheCaller) {
  router r;
  r.get("/boom", [](const request&) -> response { throw std::logic_error("bug"); });
  r.on_exception(
      [](const request&, const std::exception&) -> std::optional<response> { return std::nullopt; });
  std::vector<unsigned> seen;
  r.on_routed([&](std::string_view, std::string_view, unsigned status, std::chrono::nanoseconds) {
    seen.push_back(status);
  });
  EXPECT_THROW(r(get("/boom")), std::logic_error);
  EXPECT_EQ(seen, std::vector<unsigned>{500u});
}

}  // namespace
}  // namespace kingkung::http
