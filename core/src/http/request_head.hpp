// Checks on a request head that Beast's parser is lenient about, made before and after it parses:
// the raw bytes (the whole head within max_header_bytes, no obsolete line folding, no bare LF, no control
// bytes) and the parsed head (framing by Transfer-Encoding, one Host, an origin-form target or an
// absolute-form one naming this host). Each refusal says what was wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kingkung::http::detail {

struct raw_head_check {
  enum class verdict { incomplete, complete, too_large, malformed };
  verdict what = verdict::incomplete;
  std::size_t size = 0;  // bytes of the head, its final blank line included, when complete
  std::string why;       // for malformed
};

// `buffered` holds the bytes received so far, starting at the request line. A head whose end is not
// within max_header_bytes is too large however it arrived.
raw_head_check check_raw_head(std::string_view buffered, std::size_t max_header_bytes);

struct parsed_head {
  unsigned version = 11;             // 10 or 11
  std::string_view method;
  std::string_view target;
  std::size_t host_fields = 0;
  std::string_view host;             // the first Host field's value
  std::size_t transfer_encoding_fields = 0;
  std::string_view transfer_encoding;  // the first Transfer-Encoding field's value
  bool has_content_length = false;
};

struct head_refusal {
  unsigned status = 0;  // 0: accepted
  std::string why;
};

// The framing and addressing rules for a parsed head: Transfer-Encoding is exactly "chunked" (else 501,
// or 400 with a Content-Length too), HTTP/1.1 has exactly one Host (HTTP/1.0 at most one), and the
// target is origin-form ("/..."), "*" for OPTIONS, or absolute-form naming the Host given.
head_refusal check_parsed_head(const parsed_head& head);

}  // namespace kingkung::http::detail
