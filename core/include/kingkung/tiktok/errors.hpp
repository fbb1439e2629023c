// Errors of the TikTok Shop API client: what class a failure belongs to (which decides whether it is
// retried, refreshed or shown to the seller), and per-item failures that arrive inside a success.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"
#include "kingkung/plugin/transport.hpp"

namespace kingkung::tiktok {

enum class error_class {
  rate_limited,      // HTTP 429 / 36009002: slow down and retry
  retryable,         // HTTP 502/503/504, 36009003, 36009007, transient order-read codes, nothing sent
  token_expired,     // 105002: refresh the access token once, then retry
  unauthenticated,   // token invalid or not tied to the shop (36009004 token messages, 101000, 36004004), or
                     // a refresh token refused (36009004/105002 naming refresh_token): needs re-authorisation
  permission,        // missing scope or access denied (105005, 10006402, 36009033)
  signature,         // sign wrong or missing, app_key unknown (106001, 36009004 "Missing credentials")
  bad_request,       // every other platform error: fix the request; retrying unchanged will not help
  indeterminate,     // the request may have been processed (timeout, connection broke after sending)
  transport,         // the transport failed without a usable answer (TLS, response too large, ...)
  invalid_response,  // the platform answered something the client cannot read (not JSON, missing field)
  invalid_request,   // the client refused to send (no shop cipher, no token source, bad argument)
};

std::string_view to_string(error_class c) noexcept;

// Class of a platform answer. `code` is the envelope code (0 when the body had none), `message` the
// envelope message; 36009004 is told apart by its message.
// A refresh token the token host refuses (36009004 or 105002 whose message names `refresh_token`) is
// unauthenticated: the shop needs re-authorisation, not another refresh.
error_class classify(int http_status, std::int64_t code, std::string_view message) noexcept;

// The same, knowing which host answered: any 105002 from the token host is unauthenticated too (an
// expired refresh token), since only API calls can be mended by refreshing.
error_class classify(plugin::host_kind host, int http_status, std::int64_t code,
                     std::string_view message) noexcept;

// Class of a transport failure (no complete response). `idempotent` is irrelevant here: the retry
// decision is separate (see client.hpp).
error_class classify(plugin::errc transport_code) noexcept;

// A failed API call. Never holds a secret: messages from the platform and from transports are scrubbed
// of the app secret and tokens before they land here.
struct api_error {
  error_class kind = error_class::bad_request;
  std::int64_t code = 0;   // envelope code; 0 when the platform gave none
  std::string message;     // the platform's message, or what went wrong on this side
  std::string request_id;  // the platform's request id; empty when none
  int http_status = 0;     // 0 when no response was read
  std::string operation;   // "POST /order/202309/orders/search" (path only, never the query)
  plugin::errc transport_code = plugin::errc::internal;  // meaningful only for transport failures

  // One line for logs and people: "POST /x: bad_request: code 21011005 (HTTP 200, request_id R): text".
  std::string to_string() const;
  // For the plugin boundary (shop_api): platform business errors become errc::rejected with
  // "code NNN: message"; other classes map to the nearest errc.
  plugin::error to_plugin_error() const;
};

// One failed item of a batch or write call (`data.errors[]`), reported alongside the successful rest.
struct detail_id {
  std::string name;   // "package_id", "sku_id", "order_ids", ...
  std::string value;  // one value; an array in the detail gives one entry per element
};

struct warehouse_error {  // detail.extra_errors[] of Update Inventory
  std::string warehouse_id;
  std::int64_t code = 0;
  std::string message;
};

struct item_error {
  std::int64_t code = 0;
  std::string message;
  std::vector<detail_id> detail_ids;  // every scalar (or array of scalars) in `detail`
  std::vector<warehouse_error> warehouse_errors;

  // First value of the named detail id ("" when absent); all values of it.
  std::string id(std::string_view name) const;
  std::vector<std::string> ids(std::string_view name) const;
};

// The answer of a write call: success for everything not listed in `errors`.
struct write_outcome {
  std::string request_id;
  std::vector<item_error> errors;
  bool all_succeeded() const noexcept { return errors.empty(); }
};

}  // namespace kingkung::tiktok
