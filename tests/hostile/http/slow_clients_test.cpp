// Fifty clients trickling a request head a few bytes at a time do not keep a normal client from being
// served while they are still connected, and each of them is disconnected once the read timeout
// (read_timeout_seconds) has passed without a whole request.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileSlowClients : public hostile_suite<HostileSlowClients> {};

constexpr int slow_clients = 50;

TEST_F(HostileSlowClients, TricklingClientsDoNotStopANormalClientAndAreClosedAfterTheReadTimeout) {
  std::vector<std::unique_ptr<connection>> slow;
  for (int i = 0; i < slow_clients; ++i) {
    slow.push_back(std::make_unique<connection>(port()));
    ASSERT_TRUE(slow.back()->connected()) << "slow client " << i;
    ASSERT_TRUE(slow.back()->send("GET /api/v1/session HTTP/1.1\r\n" + center().host_header()));
  }
  // Every slow client adds a header byte by byte until the server drops it.
  std::atomic<bool> trickling = true;
  std::thread trickle([&] {
    while (trickling) {
      for (auto& c : slow) c->send("X");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  auto served = center().send("GET", "/api/v1/session", &owner());
  // Still connected: the server has neither answered nor closed any of them.
  int still_open = 0;
  for (auto& c : slow) {
    if (!c->closed_by_server(std::chrono::milliseconds(0)) && c->pending().empty()) ++still_open;
  }
  ASSERT_TRUE(served) << "the normal client got no answer";
  EXPECT_EQ(served->status, 200) << served->body;
  EXPECT_EQ(still_open, slow_clients) << "the normal client was only served after slow clients were dropped";

  // Each slow client is closed without an answer; the bound is far above the read timeout.
  int closed = 0;
  for (auto& c : slow)
    if (c->closed_by_server(std::chrono::seconds(5 * read_timeout_seconds))) ++closed;
  trickling = false;
  trickle.join();
  EXPECT_EQ(closed, slow_clients);
  for (auto& c : slow) EXPECT_EQ(c->pending().find("200 OK"), std::string::npos) << c->pending();
  expect_unchanged();
}

}  // namespace
}  // namespace kingkung::hostile
