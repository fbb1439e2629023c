// Transport plugins move bytes between the core TikTok Shop client and a TikTok Shop host.
// Core builds every request completely (common parameters, signature, headers, body serialised once);
// a transport never changes a request and never retries one whose bytes may have reached the server.
// Added in 1.0.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::plugin {

// Which TikTok Shop host a request is for. The transport maps it to a base URL from its config.
enum class host_kind : int {
  api = 0,   // Open API host (official: https://open-api.tiktokglobalshop.com)
  auth = 1,  // token host (official: https://auth.tiktok-shops.com)
};

struct http_header {
  std::string name;
  std::string value;
};

struct http_request {
  std::string method;               // "GET", "POST", "PUT", "DELETE"
  host_kind host = host_kind::api;  //
  std::string target;               // path plus "?" plus the percent-encoded query, exactly as sent
  std::vector<http_header> headers;  // content-type, x-tts-access-token, ...
  std::string body;                 // exact bytes; empty means no body
  std::chrono::milliseconds timeout{30000};  // whole-exchange deadline
};

struct http_response {
  int status = 0;
  std::vector<http_header> headers;
  std::string body;
};

// send() may be called concurrently from several threads. It returns the response for every HTTP
// status (4xx and 5xx included); an error result means no complete response was read:
//   unavailable      nothing was sent (connect or TLS handshake failed); safe to retry
//   tls_error        verification failed; do not retry
//   timeout          deadline passed; the request may have been processed
//   maybe_delivered  the connection broke after bytes were written; the request may have been processed
//   too_large        the response exceeded the configured cap
class transport {
 public:
  virtual ~transport() = default;
  virtual result<http_response> send(const http_request& request) noexcept = 0;  // 1.0
  // Human-readable description for /healthz and logs (base URLs, mode). Never contains secrets.
  virtual std::string describe() const = 0;  // 1.0
};

}  // namespace kingkung::plugin
