// Ambiguous message framing (Content-Length against Transfer-Encoding, malformed lengths and chunk sizes)
// is refused with 400 and the connection closed, since after it the server cannot know where the next
// request would start. A request hidden in a body is never served as a request.
#include <gtest/gtest.h>

#include <string>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileFraming : public hostile_suite<HostileFraming> {
 protected:
  // A state-changing request of the signed-in owner (it would end the session) with `framing` headers
  // and `body` as given.
  std::string sign_out_with(const std::string& framing, const std::string& body) const {
    return "DELETE /api/v1/session HTTP/1.1\r\n" + center().host_header() + "Cookie: " + owner().cookie +
           "\r\nOrigin: " + center().origin() + "\r\nX-CSRF-Token: " + owner().csrf + "\r\n" + framing +
           "\r\n" + body;
  }

  // The answer is 400 and the server then closes the connection: nothing after the bad message is read.
  void expect_refused_and_closed(const std::string& bytes) {
    connection c(port());
    ASSERT_TRUE(c.connected());
    c.send(bytes);
    auto r = c.read_response();
    ASSERT_TRUE(r) << "no answer";
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_TRUE(c.closed_by_server()) << "the connection stayed open; pending: " << c.pending();
    expect_unchanged();
  }
};

TEST_F(HostileFraming, ContentLengthWithTransferEncodingIsRefused) {
  expect_refused_and_closed(sign_out_with("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
}

TEST_F(HostileFraming, TwoDifferentContentLengthsAreRefused) {
  expect_refused_and_closed(sign_out_with("Content-Length: 2\r\nContent-Length: 7\r\n", "{}xxxxx"));
}

TEST_F(HostileFraming, NegativeContentLengthIsRefused) {
  expect_refused_and_closed(sign_out_with("Content-Length: -2\r\n", "{}"));
}

TEST_F(HostileFraming, NonNumericContentLengthIsRefused) {
  expect_refused_and_closed(sign_out_with("Content-Length: 2a\r\n", "{}"));
}

TEST_F(HostileFraming, ContentLengthBeyondAnyIntegerIsRefused) {
  expect_refused_and_closed(sign_out_with("Content-Length: 99999999999999999999999999\r\n", "{}"));
}

TEST_F(HostileFraming, ChunkSizeThatIsNotHexIsRefused) {
  expect_refused_and_closed(sign_out_with("Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n"));
}

TEST_F(HostileFraming, NegativeChunkSizeIsRefused) {
  expect_refused_and_closed(sign_out_with("Transfer-Encoding: chunked\r\n", "-2\r\n{}\r\n0\r\n\r\n"));
}

TEST_F(HostileFraming, ChunkSizeThatOverflowsIsRefused) {
  expect_refused_and_closed(
      sign_out_with("Transfer-Encoding: chunked\r\n", "fffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
}

TEST_F(HostileFraming, ChunkLongerThanItsDeclaredSizeIsRefused) {
  expect_refused_and_closed(sign_out_with("Transfer-Encoding: chunked\r\n", "1\r\n{}\r\n0\r\n\r\n"));
}

// CL.TE: a front end that trusted Content-Length would pass "G" on as the start of the next request.
TEST_F(HostileFraming, ClassicContentLengthAndChunkedSmugglingIsRefusedAndItsTailNeverServed) {
  auto answers = all_answers(port(), sign_out_with("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n",
                                                   "0\r\n\r\nGET /healthz HTTP/1.1\r\n" + center().host_header() +
                                                       "\r\n"));
  ASSERT_EQ(answers.size(), 1u) << "the hidden request was answered too";
  EXPECT_EQ(answers[0].status, 400);
  expect_unchanged();
}

// The body of a refused request (no Origin: 403) holds the owner's own sign-out, with the right cookie
// and token. The server reads it as body; only the request after it is answered next.
TEST_F(HostileFraming, RequestHiddenInABodyIsReadAsBodyNotServed) {
  std::string hidden = sign_out_with("Content-Length: 0\r\n", "");
  std::string outer = "POST /api/v1/session HTTP/1.1\r\n" + center().host_header() +
                      "Content-Type: application/json\r\nContent-Length: " + std::to_string(hidden.size()) +
                      "\r\n\r\n" + hidden;
  std::string after = center().request("GET", "/api/v1/session", &owner());
  auto answers = all_answers(port(), outer + after);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].status, 403) << answers[0].body;
  EXPECT_EQ(answers[1].status, 200) << "the session was ended by the hidden request: " << answers[1].body;
  expect_unchanged();
}

// A Transfer-Encoding the server does not implement ("xchunked", "gzip", "chunked, identity") is refused
// and the connection closed: the bytes after the head, here a hidden sign-out, are never read as a
// request.
TEST_F(HostileFraming, UnknownTransferEncodingIsRefusedAndItsBodyNeverServed) {
  for (const char* coding : {"xchunked", "gzip", "chunked, identity"}) {
    SCOPED_TRACE(coding);
    std::string hidden = sign_out_with("Content-Length: 0\r\n", "");
    auto answers = all_answers(port(), "POST /api/v1/session HTTP/1.1\r\n" + center().host_header() +
                                           "Content-Type: application/json\r\nTransfer-Encoding: " + coding +
                                           "\r\n\r\n" + hidden);
    ASSERT_EQ(answers.size(), 1u) << "the hidden request was answered";
    EXPECT_GE(answers[0].status, 400);
    EXPECT_LT(answers[0].status, 600);
  }
  expect_unchanged();
}

}  // namespace
}  // namespace kingkung::hostile
