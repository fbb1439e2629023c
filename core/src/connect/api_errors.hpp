// Errors of the connect layer: building tiktok::api_error for the token source, and turning client and
// storage errors into plugin::error for the services. Internal to core/src/connect.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"
#include "kingkung/tiktok/errors.hpp"

namespace kingkung::connect::detail {

inline tiktok::api_error api_failure(tiktok::error_class kind, std::string message) {
  tiktok::api_error e;
  e.kind = kind;
  e.message = std::move(message);
  return e;
}

// "<what>: <the client's one-line error>" with the nearest errc.
inline plugin::error from_api(std::string_view what, const tiktok::api_error& e) {
  plugin::errc code = e.to_plugin_error().code;
  return plugin::make_error(code, std::string(what) + ": " + e.to_string());
}

inline plugin::error with_context(std::string_view what, const plugin::error& e) {
  return plugin::make_error(e.code, std::string(what) + ": " + e.message);
}

inline std::int64_t unix_seconds(const std::shared_ptr<const plugin::clock>& clock) {
  auto now = clock ? clock->now() : std::chrono::system_clock::now();
  return std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
}

}  // namespace kingkung::connect::detail
