#include "kingkung/tiktok/client.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <stdexcept>

#include "kingkung/log/log.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "tiktok/api_support.hpp"
#include "tiktok/client_access.hpp"
#include "tiktok/envelope_reader.hpp"

namespace kingkung::tiktok {
namespace {

constexpr std::string_view component = "tiktok";
constexpr std::chrono::milliseconds max_retry_after{60000};
constexpr std::size_t min_scrubbed_length = 4;

class system_wall_clock final : public plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::now();
  }
};

void scrub(std::string& text, const std::vector<const secret*>& secrets) {
  for (const secret* s : secrets) {
    if (s == nullptr || s->size() < min_scrubbed_length) continue;
    const std::string& value = s->reveal();
    for (auto pos = text.find(value); pos != std::string::npos; pos = text.find(value, pos)) {
      text.replace(pos, value.size(), secret::redacted);
      pos += secret::redacted.size();
    }
  }
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Retry-After in whole seconds (the HTTP-date form is not used by the platform's gateways).
std::chrono::milliseconds retry_after(const std::vector<plugin::http_header>& headers) {
  for (const auto& h : headers) {
    if (!iequals(h.name, "retry-after")) continue;
    if (h.value.empty() || h.value.size() > 6 || h.value.find_first_not_of("0123456789") != std::string::npos)
      break;
    return std::min(std::chrono::milliseconds{std::stoll(h.value) * 1000}, max_retry_after);
  }
  return std::chrono::milliseconds{0};
}

bool is_common_param(std::string_view name) {
  return name == "app_key" || name == "timestamp" || name == "sign" || name == "shop_cipher" ||
         name == "access_token" || name == "x-tts-access-token" || name == "app_secret";
}

// "POST /product/202309/products/{id}/inventory/update" for a concrete path: platform ids (all digits,
// longer than a YYYYMM version) become {id}, so calls on different products share the API's rate limit.
std::string default_api_key(std::string_view method, std::string_view path) {
  std::string out(method);
  out.push_back(' ');
  while (!path.empty()) {
    auto slash = path.find('/', 1);
    std::string_view segment = path.substr(0, slash);
    std::string_view name = segment.substr(1);
    if (name.size() > 8 && name.find_first_not_of("0123456789") == std::string_view::npos) {
      out += "/{id}";
    } else {
      out += segment;
    }
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool cipher_forbidden_by_path(std::string_view path) {
  return path.rfind("/authorization/", 0) == 0 || path.rfind("/seller/", 0) == 0;
}

// Whether a failure may be sent again. A non-idempotent write is never re-sent when it may have been
// processed: transport timeout or maybe_delivered, or the platform's own 36009007 request timeout.
bool should_retry(const api_error& e, bool idempotent) {
  switch (e.kind) {
    case error_class::rate_limited:
      return true;
    case error_class::retryable:
      return idempotent || e.code != 36009007;
    case error_class::indeterminate:
      return idempotent;
    default:
      return false;
  }
}

// The error's text without its operation, for log lines that already name it.
std::string without_operation(api_error e) {
  e.operation.clear();
  return e.to_string();
}

api_error refused(std::string operation, std::string message) {
  api_error e;
  e.kind = error_class::invalid_request;
  e.operation = std::move(operation);
  e.message = std::move(message);
  return e;
}

}  // namespace

struct client::impl {
  client_options options;
  std::shared_ptr<plugin::transport> transport;
  std::shared_ptr<token_source> tokens;
  std::shared_ptr<const plugin::clock> clock;
  std::shared_ptr<pacing_clock> pacing;
  jitter_source jitter;
  std::shared_ptr<call_observer> observer;
  std::shared_ptr<rate_limiter> limiter;

  // One logical call, attempted until it succeeds, fails for good, or runs out of retries.
  struct exchange {
    plugin::host_kind host = plugin::host_kind::api;
    std::string method;
    std::string path;
    std::string api;
    std::string shop_id;
    bool idempotent = false;
    bool can_refresh = false;
    std::optional<secret> token;
    std::function<plugin::http_request(const secret* token)> build;
    std::vector<const secret*> secrets;  // scrubbed from messages besides the app secret and token
  };

  std::int64_t now_unix() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock->now().time_since_epoch()).count();
  }

  void notify(const call_record& record) const {
    if (observer) observer->on_call(record);
  }

  // Every secret that must not appear in a message about this exchange.
  std::vector<const secret*> secrets_of(const exchange& x) const {
    std::vector<const secret*> out = x.secrets;
    out.push_back(&options.app_secret);
    if (x.token) out.push_back(&*x.token);
    return out;
  }

  // What one attempt gave: the answer, or a failure (already scrubbed) and any Retry-After hint.
  struct attempt_outcome {
    std::optional<detail::json_response> answer;
    api_error failure;
    std::chrono::milliseconds retry_after{0};
  };
  attempt_outcome attempt(exchange& x, unsigned number);
  result<detail::json_response> run(exchange& x);
};

client::impl::attempt_outcome client::impl::attempt(exchange& x, unsigned number) {
  const plugin::http_request request = x.build(x.token ? &*x.token : nullptr);
  const auto started = pacing->now();
  auto sent = transport->send(request);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(pacing->now() - started);

  call_record record;
  record.shop_id = x.shop_id;
  record.method = x.method;
  record.path = x.path;
  record.api = x.api;
  record.host = x.host;
  record.duration = elapsed;
  record.attempt = number;

  attempt_outcome out;
  if (!sent.ok()) {
    out.failure.kind = classify(sent.err().code);
    out.failure.transport_code = sent.err().code;
    out.failure.message =
        "transport " + std::string(plugin::to_string(sent.err().code)) + ": " + sent.err().message;
  } else {
    record.http_status = sent->status;
    auto env = detail::read_envelope(sent->status, sent->body);
    if (env.ok()) {
      record.request_id = env->request_id;
      notify(record);
      out.answer = detail::json_response{sent->status, std::move(env->request_id), std::move(env->data)};
      return out;
    }
    out.failure = std::move(env).err();
    // The same code means something else on the token host (105002 there: the refresh token expired).
    if (out.failure.code != 0)
      out.failure.kind = classify(x.host, sent->status, out.failure.code, out.failure.message);
    out.retry_after = retry_after(sent->headers);
  }
  out.failure.operation = x.method + " " + x.path;
  scrub(out.failure.message, secrets_of(x));
  record.code = out.failure.code;
  record.request_id = out.failure.request_id;
  record.error = out.failure.kind;
  record.error_message = out.failure.message;
  notify(record);
  return out;
}

result<detail::json_response> client::impl::run(exchange& x) {
  const std::string where = x.method + " " + x.path + (x.shop_id.empty() ? "" : " [shop " + x.shop_id + "]");
  unsigned retries = 0;
  bool refreshed = false;
  for (unsigned number = 1;; ++number) {
    limiter->acquire(x.shop_id, x.api);
    auto outcome = attempt(x, number);
    if (outcome.answer) {
      log::debug(component, where + " attempt " + std::to_string(number) + ": HTTP " +
                                std::to_string(outcome.answer->http_status) + " request_id " +
                                outcome.answer->request_id);
      return std::move(*outcome.answer);
    }
    api_error& failure = outcome.failure;
    const std::string what = without_operation(failure);

    if (failure.kind == error_class::token_expired && x.can_refresh && !refreshed) {
      refreshed = true;
      log::info(component, where + ": access token expired (105002); refreshing it once");
      auto fresh = tokens->refresh(x.shop_id);
      if (!fresh.ok()) {
        api_error e = std::move(fresh).err();
        e.operation = failure.operation;
        e.message = "token refresh after 105002 failed: " + e.message;
        scrub(e.message, secrets_of(x));
        return e;
      }
      x.token = std::move(fresh.value());
      continue;
    }
    if (!should_retry(failure, x.idempotent)) {
      log::debug(component, where + ": " + what);
      return failure;
    }
    if (retries >= options.backoff.max_retries) {
      log::warn(component, where + ": giving up after " + std::to_string(number) + " attempts: " + what);
      return failure;
    }
    const auto delay = failure.kind == error_class::rate_limited
                           ? rate_limited_delay(options.backoff, retries, jitter, outcome.retry_after)
                           : backoff_delay(options.backoff, retries, jitter, outcome.retry_after);
    ++retries;
    log::warn(component, where + ": " + what + "; retry " + std::to_string(retries) + " of " +
                             std::to_string(options.backoff.max_retries) + " in " +
                             std::to_string(delay.count()) + " ms");
    pacing->sleep_for(delay);
  }
}

client_options client_options::from_config(const config::tiktok_config& config) {
  client_options o;
  o.app_key = config.app_key;
  o.app_secret = config.app_secret;
  o.qps_per_api = config.qps_per_api;
  o.backoff.base = std::chrono::milliseconds{config.backoff_base_ms};
  o.backoff.cap = std::chrono::milliseconds{config.backoff_cap_ms};
  o.backoff.max_retries = config.max_retries;
  return o;
}

client::client(client_options options, client_services services) : impl_(std::make_unique<impl>()) {
  if (!services.transport) throw std::invalid_argument("TikTok Shop client: no transport given");
  if (options.app_key.empty()) throw std::invalid_argument("TikTok Shop client: tiktok.app_key is empty");
  if (options.app_secret.empty()) throw std::invalid_argument("TikTok Shop client: the app secret is empty");
  log::add_redaction(options.app_secret.reveal());
  impl_->pacing = services.pacing ? std::move(services.pacing) : system_pacing_clock();
  impl_->clock = services.clock ? std::move(services.clock) : std::make_shared<system_wall_clock>();
  impl_->jitter = services.jitter ? std::move(services.jitter) : random_jitter();
  impl_->limiter = services.limiter ? std::move(services.limiter)
                                    : std::make_shared<rate_limiter>(options.qps_per_api, impl_->pacing);
  impl_->transport = std::move(services.transport);
  impl_->tokens = std::move(services.tokens);
  impl_->observer = std::move(services.observer);
  impl_->options = std::move(options);
}

client::~client() = default;

const std::string& client::app_key() const noexcept {
  return impl_->options.app_key;
}
std::int64_t client::now_unix() const noexcept {
  return impl_->now_unix();
}
const backoff_policy& client::backoff() const noexcept {
  return impl_->options.backoff;
}

result<api_response> client::call(const shop_ref& shop, const api_request& request) {
  auto r = detail::client_access::call_json(*this, shop, request);
  if (!r.ok()) return std::move(r).err();
  api_response out;
  out.http_status = r->http_status;
  out.request_id = std::move(r->request_id);
  auto text =
      detail::data_json_text(r->data, out.request_id, out.http_status, request.method + " " + request.path);
  if (!text.ok()) return std::move(text).err();
  out.data_json = std::move(text).value();
  return out;
}

namespace detail {

result<json_response> client_access::call_json(client& api, const shop_ref& shop,
                                               const api_request& request) {
  auto& self = *api.impl_;
  const std::string operation = request.method + " " + request.path;
  if (request.method.empty() || request.path.empty() || request.path.front() != '/' ||
      request.path.find('?') != std::string::npos) {
    return refused(operation, "expected a method and a path starting with '/' without a query, found \"" +
                                  operation + "\"");
  }
  for (const auto& p : request.query) {
    if (is_common_param(p.name))
      return refused(operation, "query parameter \"" + p.name +
                                    "\" is added by the client; leave it out of the request");
  }
  const bool send_cipher = request.cipher == cipher_rule::required && !cipher_forbidden_by_path(request.path);
  if (send_cipher && shop.cipher.empty())
    return refused(operation,
                   "shop_cipher is required by this endpoint, but shop \"" + shop.id + "\" has no cipher");

  client::impl::exchange x;
  x.host = plugin::host_kind::api;
  x.method = request.method;
  x.path = request.path;
  x.api = request.api.empty() ? default_api_key(request.method, request.path) : request.api;
  x.shop_id = shop.id;
  x.idempotent = request.idempotent.value_or(request.method != "POST");
  if (request.access_token) {
    x.token = *request.access_token;
  } else {
    if (!self.tokens) return refused(operation, "no token source configured and no access token given");
    auto token = self.tokens->current(shop.id);
    if (!token.ok()) {
      api_error e = std::move(token).err();
      if (e.operation.empty()) e.operation = operation;
      return e;
    }
    x.token = std::move(token.value());
    x.can_refresh = true;
  }
  const auto timeout = request.timeout.count() > 0 ? request.timeout : self.options.timeout;
  x.build = [&self, &request, &shop, send_cipher, timeout](const secret* token) {
    preview_request p;
    p.method = request.method;
    p.path = request.path;
    p.query = request.query;
    if (send_cipher) p.query.push_back({"shop_cipher", shop.cipher});
    p.body = request.body;
    p.app_key = self.options.app_key;
    p.timestamp = self.now_unix();
    auto signed_parts = signed_request(p, self.options.app_secret);
    plugin::http_request out;
    out.method = request.method;
    out.host = plugin::host_kind::api;
    out.target = std::move(signed_parts.target);
    out.headers.push_back({"content-type", "application/json"});
    if (token) out.headers.push_back({"x-tts-access-token", token->reveal()});
    out.body = request.body;
    out.timeout = timeout;
    return out;
  };
  return self.run(x);
}

result<json_response> client_access::call_token_host(client& api, const endpoints::endpoint& endpoint,
                                                     std::vector<query_param> query,
                                                     const std::vector<const secret*>& secrets) {
  auto& self = *api.impl_;
  client::impl::exchange x;
  x.host = plugin::host_kind::auth;
  x.method = std::string(endpoint.method);
  x.path = std::string(endpoint.path);
  x.api = x.method + " " + x.path;
  // An auth code is single use and a refresh may retire the old refresh token: never re-send when the
  // first request may have been processed.
  x.idempotent = false;
  x.secrets = secrets;
  query.insert(query.begin(),
               {{"app_key", self.options.app_key}, {"app_secret", self.options.app_secret.reveal()}});
  x.build = [&self, &x, &query](const secret*) {
    plugin::http_request out;
    out.method = x.method;
    out.host = plugin::host_kind::auth;
    out.target = x.path + "?" + encode_query(query);
    out.timeout = self.options.timeout;
    return out;
  };
  return self.run(x);
}

}  // namespace detail
}  // namespace kingkung::tiktok
