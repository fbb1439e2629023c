#include "kingkung/tiktok/errors.hpp"

namespace kingkung::tiktok {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The token host refusing a refresh token (invalid, retired or expired): refreshing again cannot help,
// the seller has to authorise the app again.
bool refresh_token_refused(std::int64_t code, std::string_view message) {
  return (code == 36009004 || code == 105002) && contains(message, "refresh_token");
}

// 36009004 covers several cases; its message tells them apart.
error_class classify_36009004(std::string_view message) {
  if (contains(message, "Missing credentials")) return error_class::signature;
  if (contains(message, "app_key")) return error_class::signature;
  if (contains(message, "access_token") || contains(message, "x-tts-access-token"))
    return error_class::unauthenticated;
  return error_class::bad_request;  // timestamp window, unexpected or invalid identifier, version
}

}  // namespace

std::string_view to_string(error_class c) noexcept {
  switch (c) {
    case error_class::rate_limited:
      return "rate_limited";
    case error_class::retryable:
      return "retryable";
    case error_class::token_expired:
      return "token_expired";
    case error_class::unauthenticated:
      return "unauthenticated";
    case error_class::permission:
      return "permission";
    case error_class::signature:
      return "signature";
    case error_class::bad_request:
      return "bad_request";
    case error_class::indeterminate:
      return "indeterminate";
    case error_class::transport:
      return "transport";
    case error_class::invalid_response:
      return "invalid_response";
    case error_class::invalid_request:
      return "invalid_request";
  }
  return "unknown";
}

error_class classify(int http_status, std::int64_t code, std::string_view message) noexcept {
  if (http_status == 429 || code == 36009002) return error_class::rate_limited;
  if (http_status == 502 || http_status == 503 || http_status == 504) return error_class::retryable;
  if (refresh_token_refused(code, message)) return error_class::unauthenticated;
  switch (code) {
    case 105002:
      return error_class::token_expired;
    case 106001:
      return error_class::signature;
    case 36009004:
      return classify_36009004(message);
    case 101000:
    case 36004004:
      return error_class::unauthenticated;
    case 105005:
    case 10006402:
    case 36009033:
      return error_class::permission;
    case 36009003:
    case 36009007:
    case 10002014:
    case 10002015:
    case 10037002:
    case 10037003:
    case 10037004:
      return error_class::retryable;
    default:
      break;
  }
  if (code == 0) {
    // An error status without an envelope code.
    if (http_status == 401) return error_class::unauthenticated;
    if (http_status == 403) return error_class::permission;
    if (http_status >= 500) return error_class::retryable;
  }
  return error_class::bad_request;
}

error_class classify(plugin::host_kind host, int http_status, std::int64_t code,
                     std::string_view message) noexcept {
  if (host == plugin::host_kind::auth && code == 105002) return error_class::unauthenticated;
  return classify(http_status, code, message);
}

error_class classify(plugin::errc transport_code) noexcept {
  switch (transport_code) {
    case plugin::errc::unavailable:
      return error_class::retryable;
    case plugin::errc::rate_limited:
      return error_class::rate_limited;
    case plugin::errc::timeout:
    case plugin::errc::maybe_delivered:
      return error_class::indeterminate;
    case plugin::errc::invalid_argument:
      return error_class::invalid_request;
    default:
      return error_class::transport;
  }
}

std::string api_error::to_string() const {
  std::string out;
  if (!operation.empty()) out.append(operation).append(": ");
  out.append(tiktok::to_string(kind));
  std::string facts;
  auto add = [&facts](std::string_view fact) {
    if (!facts.empty()) facts += ", ";
    facts += fact;
  };
  if (code != 0) add("code " + std::to_string(code));
  if (http_status != 0) add("HTTP " + std::to_string(http_status));
  if (!request_id.empty()) add("request_id " + request_id);
  if (!facts.empty()) out.append(" (").append(facts).append(")");
  if (!message.empty()) out.append(": ").append(message);
  return out;
}

plugin::error api_error::to_plugin_error() const {
  using plugin::errc;
  errc c = errc::internal;
  switch (kind) {
    case error_class::rate_limited:
      c = errc::rate_limited;
      break;
    case error_class::retryable:
      c = errc::unavailable;
      break;
    case error_class::token_expired:
    case error_class::unauthenticated:
    case error_class::signature:
      c = errc::unauthenticated;
      break;
    case error_class::permission:
      c = errc::permission_denied;
      break;
    case error_class::bad_request:
      c = code != 0 ? errc::rejected : errc::invalid_argument;
      break;
    case error_class::indeterminate:
      c = transport_code == errc::timeout ? errc::timeout : errc::maybe_delivered;
      break;
    case error_class::transport:
      c = transport_code;
      break;
    case error_class::invalid_response:
      c = errc::internal;
      break;
    case error_class::invalid_request:
      c = errc::invalid_argument;
      break;
  }
  if (code == 0) return plugin::make_error(c, to_string());
  std::string text = "code " + std::to_string(code) + ": " + message;
  std::string context = operation;
  if (!request_id.empty()) context += (context.empty() ? "" : ", ") + ("request_id " + request_id);
  if (!context.empty()) text += " (" + context + ")";
  return plugin::make_error(c, std::move(text));
}

std::string item_error::id(std::string_view name) const {
  for (const auto& d : detail_ids)
    if (d.name == name) return d.value;
  return {};
}

std::vector<std::string> item_error::ids(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& d : detail_ids)
    if (d.name == name) out.push_back(d.value);
  return out;
}

}  // namespace kingkung::tiktok
