#include "kingkung/sim/engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "call_log.hpp"
#include "demo_data.hpp"
#include "event_types.hpp"
#include "fault_plan.hpp"
#include "gateway.hpp"
#include "handlers.hpp"
#include "kingkung/sim/signer.hpp"
#include "model_json.hpp"
#include "order_store.hpp"
#include "random.hpp"
#include "rate_limiter.hpp"
#include "route_table.hpp"
#include "shipping_document_file.hpp"
#include "sim_core.hpp"
#include "snapshot_store.hpp"
#include "time_util.hpp"
#include "webhook_sender.hpp"

namespace kingkung::sim {

using namespace detail;

fault_rates rates_of(const fault_settings& f) {
  fault_rates r;
  r.rate_limit = f.rate_429;
  r.internal_500 = f.rate_500;
  r.overload_503 = f.rate_503;
  r.timeout = f.rate_timeout;
  r.lost_answer = f.rate_lost_answer;
  return r;
}

const api_error& fault_error(fault_kind k) {
  switch (k) {
    case fault_kind::rate_limit:
      return err::too_many_requests;
    case fault_kind::internal_500:
      return err::internal;
    case fault_kind::overload_503:
      return err::overloaded;
    case fault_kind::timeout:
    case fault_kind::lost_answer:
      break;
  }
  return err::request_timeout;
}

struct engine::impl {
  impl(settings s, const plugin::clock& clock, plugin::logger& log)
      : core(std::move(s), clock, log),
        faults(rates_of(core.cfg.faults), core.cfg.faults.paths, core.cfg.seed),
        calls(core.cfg.call_log_size),
        sender(log),
        log_(log) {
    if (!core.cfg.data_dir.empty()) store.emplace(core.cfg.data_dir);
    core.webhook_report = [this] { return sender.report(); };
    core.faults = &faults;
    core.calls = &calls;
    core.webhooks = &sender;
  }

  ~impl() {
    {
      std::lock_guard lock(ticker_mu);
      stopping = true;
    }
    ticker_wake.notify_all();
    if (ticker.joinable()) ticker.join();
    flush(true);
  }

  plugin::result<void> start() {
    if (!core.cfg.webhook_url.empty()) {
      std::string why;
      if (parse_loopback_url(core.cfg.webhook_url, why)) {
        default_webhook = core.cfg.webhook_url;
      } else {
        log_.log(plugin::log_level::warn,
                 core.cfg.origin + ": webhook_url " + printable_origin(core.cfg.webhook_url) + " refused (" +
                     why + "); the simulator sends webhooks to loopback only, so none will be sent");
      }
    }
    if (auto loaded = load(); !loaded) return loaded;
    std::lock_guard lock(mu);
    if (auto saved = persist(); !saved) return saved;
    last_write = std::chrono::steady_clock::now();
    ticker = std::thread([this] { tick_loop(); });
    return {};
  }

  plugin::result<void> load() {
    std::optional<std::string> text;
    if (store) {
      auto read = store->load();
      if (!read) return read.err();
      text = std::move(*read);
    }
    if (text) {
      auto state = from_snapshot(*text);
      if (!state)
        return plugin::make_error(plugin::errc::invalid_argument,
                                  "cannot read simulator state " + store->file().string() + ": " +
                                      state.err().message +
                                      ". Fix the file, or delete it to start again from fresh demo data.");
      if (state->app_key != core.cfg.app_key || state->seed != core.cfg.seed)
        return plugin::make_error(
            plugin::errc::failed_precondition,
            "simulator state " + store->file().string() + " was made for app_key \"" + state->app_key +
                "\" and seed " + std::to_string(state->seed) + ", but " + core.cfg.origin +
                " has app_key \"" + core.cfg.app_key + "\" and seed " + std::to_string(core.cfg.seed) +
                ". Delete the file to start again from fresh demo data, or restore the settings.");
      core.state = std::move(*state);
    } else {
      core.state.app_key = core.cfg.app_key;
      core.state.seed = core.cfg.seed;
    }
    std::int64_t now = core.now();
    for (const auto& s : core.cfg.shops) {
      auto it = core.state.shops.find(s.key);
      if (it != core.state.shops.end()) {
        const shop_settings& was = it->second.cfg;
        if (was.id != s.id || was.region != s.region || was.seller_type != s.seller_type)
          return plugin::make_error(
              plugin::errc::failed_precondition,
              "shop " + s.key + " in " + store->file().string() + " is " + was.id + " " + was.region + " " +
                  was.seller_type + ", but " + core.cfg.origin + " says " + s.id + " " + s.region + " " +
                  s.seller_type + ". Delete the file to regenerate the demo data, or restore the settings.");
        it->second.cfg.name = s.name;
        it->second.cfg.seller = s.seller;
        it->second.cfg.seller_name = s.seller_name;
        continue;
      }
      shop_state shop;
      shop.cfg = s;
      generate_shop(shop, core.cfg.seed, now, core.state.used_access_keys);
      core.state.shops.emplace(s.key, std::move(shop));
    }
    rebuild_indexes(core.state);
    return {};
  }

  // Writes the snapshot now. Caller holds mu.
  plugin::result<void> persist() {
    if (!store) return {};
    return note_save(store->save(to_snapshot(core.state)));
  }

  plugin::result<void> note_save(plugin::result<void> r) {
    if (!r) {
      if (!persist_failure_logged)
        log_.log(plugin::log_level::error, "tiktok-sim: state not saved: " + r.err().message);
      persist_failure_logged = true;
      return r;
    }
    persist_failure_logged = false;
    return {};
  }

  // A change to store: at once when persist_interval_ms is 0, otherwise by flush(). Caller holds mu.
  void mark_dirty() {
    if (!store) return;
    if (core.cfg.persist_interval_ms == 0) {
      (void)persist();
      return;
    }
    dirty = true;
  }

  // Writes the snapshot when it changed and (unless forced) the interval has passed since the last
  // write ended. The state is copied under mu (cheap next to serialising it) and serialised and written
  // outside it, one writer at a time, so requests do not wait for the disk.
  void flush(bool force) {
    if (!store) return;
    std::lock_guard writing(write_mu);
    std::optional<sim_state> copy;
    {
      std::lock_guard lock(mu);
      if (!dirty) return;
      if (!force && std::chrono::steady_clock::now() - last_write <
                        std::chrono::milliseconds(core.cfg.persist_interval_ms))
        return;
      copy.emplace(core.state);
      dirty = false;
    }
    auto result = note_save(store->save(to_snapshot(*copy)));
    std::lock_guard lock(mu);
    last_write = std::chrono::steady_clock::now();
    if (!result) dirty = true;
  }

  // Stores the call's changes, then sends its webhooks. Caller holds mu.
  void finish(call& c) {
    if (!c.events.empty()) c.changed = true;  // notification ids advance the persistent counter
    std::vector<webhook_delivery> deliveries;
    for (auto& e : c.events) {
      const shop_state* shop = core.shop_by_key(e.shop_key);
      if (!shop) continue;
      webhook_delivery d;
      d.due = c.now;
      d.type = e.type;
      d.shop_id = shop->cfg.id;
      d.notification_id = core.next_id("73", 19);
      json::object envelope{{"type", e.type},
                            {"tts_notification_id", d.notification_id},
                            {"shop_id", shop->cfg.id},
                            {"timestamp", c.now},
                            {"data", std::move(e.data)}};
      d.body = json::serialize(envelope);
      d.signature = webhook_signature(core.cfg.app_secret, core.cfg.app_key, d.body);
      auto hook = shop->webhooks.find(std::string(event_name(e.type)));
      d.url = hook != shop->webhooks.end() ? hook->second.address : default_webhook;
      deliveries.push_back(std::move(d));
    }
    if (c.changed) mark_dirty();
    for (auto& d : deliveries) {
      if (d.url.empty())
        sender.record_undeliverable(d, "no webhook address for this event type");
      else
        sender.enqueue(std::move(d));
    }
    sender.release_due(c.now);
  }

  void settle_now() {
    std::lock_guard lock(mu);
    request_view none;
    call c(core, none, core.now());
    settle_due(c);
    finish(c);
  }

  void tick_loop() {
    int period = 250;
    if (core.cfg.persist_interval_ms > 0) period = std::min(period, core.cfg.persist_interval_ms);
    std::unique_lock lock(ticker_mu);
    while (!stopping) {
      ticker_wake.wait_for(lock, std::chrono::milliseconds(period));
      if (stopping) break;
      lock.unlock();
      settle_now();
      flush(false);
      lock.lock();
    }
  }

  std::string request_id(std::int64_t now) {
    std::uint64_t n = ++request_counter;
    std::uint64_t a = mix(core.cfg.seed ^ static_cast<std::uint64_t>(now), n);
    std::uint64_t b = mix(a, n * 31 + 7);
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string id = utc_compact(now);
    for (int i = 0; i < 16; ++i) id += hex[(a >> (4 * i)) & 0xf];
    for (int i = 0; i < 4; ++i) id += hex[(b >> (4 * i)) & 0xf];
    return id;
  }

  reply dispatch(call& c) {
    const request_view& req = c.req;
    if (req.path().rfind("/__sim/", 0) == 0) {
      if (!req.body().empty())
        if (auto parsed = parse_json(req.body())) c.body = std::move(*parsed);
      return control(c);
    }
    if (req.host() == plugin::host_kind::auth) {
      if (req.path() == "/api/v2/token/get") return token_get(c);
      if (req.path() == "/api/v2/token/refresh") return token_refresh(c);
      return reply::fail(err::invalid_path);
    }
    routing r = resolve(req.method(), req.path());
    if (r.error) return reply::fail(*r.error);
    c.params = std::move(r.params);
    if (auto e = check_request(c, *r.match, limiter)) return reply::fail(*e);
    return r.match->fn(c);
  }

  struct outcome {
    plugin::http_response response;
    std::optional<fault_kind> no_answer;  // a timeout or lost_answer fault: the caller sees no response
  };

  outcome handle(const plugin::http_request& request) {
    const auto started = std::chrono::steady_clock::now();
    // The answer's JSON is built here and dropped at once after serialising (outlives c, r, envelope).
    json::monotonic_resource arena(64 * 1024);
    std::lock_guard lock(mu);
    std::int64_t now = core.now();
    auto parsed = request_view::parse(request);
    request_view view = parsed ? std::move(*parsed) : request_view{};
    call c(core, view, now);
    c.answer_storage = json::storage_ptr(&arena);
    settle_due(c);
    const std::string path = parsed ? view.path() : request.target.substr(0, request.target.find('?'));
    const bool control_call = path.rfind("/__sim/", 0) == 0;
    if (parsed && request.host == plugin::host_kind::api && is_document_path(path)) {
      // A shipping document link (doc_url): a file, not an API envelope.
      outcome out;
      out.response = serve_document(core, view, c.now);
      call_record record;
      record.time = c.now;
      record.host = "api";
      record.method = request.method;
      record.path = path;
      record.query = query_without_secrets(request.target);
      record.status = out.response.status;
      record.latency_us =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
              .count();
      calls.add(std::move(record));
      return out;
    }
    std::string shop_id;
    std::optional<fault_kind> fault;
    if (!control_call) {
      if (auto cipher = view.param("shop_cipher"))
        if (const shop_state* s = core.shop_by_cipher(*cipher)) shop_id = s->cfg.id;
      fault = faults.decide(request.method, path, shop_id);
    }
    // Initialised, not assigned: assigning would copy the answer out of the arena.
    reply r = [&]() -> reply {
      if (fault && *fault != fault_kind::lost_answer) return reply::fail(fault_error(*fault));
      if (!parsed) return reply::fail(err::invalid_param);
      try {
        return dispatch(c);
      } catch (const std::exception& e) {
        log_.log(plugin::log_level::error,
                 "tiktok-sim: " + request.method + " " + view.path() + " failed: " + e.what());
        return reply::fail(err::internal);
      }
    }();
    finish(c);
    std::string id = request_id(c.now);
    log_.log(plugin::log_level::debug,
             "tiktok-sim: " + request.method + " " + path + " -> " + std::to_string(r.http_status) +
                 " code " + std::to_string(r.code) + " " + id +
                 (fault ? " (fault " + std::string(fault_name(*fault)) + ")" : "") +
                 (c.applied_fault.empty() ? "" : " (fault " + c.applied_fault + ")"));
    outcome out;
    if (fault && (*fault == fault_kind::timeout || *fault == fault_kind::lost_answer)) out.no_answer = fault;
    if (!control_call) {
      call_record record;
      record.time = c.now;
      record.host = request.host == plugin::host_kind::auth ? "auth" : "api";
      record.method = request.method;
      record.path = path;
      record.query = query_without_secrets(request.target);
      record.shop_id = shop_id;
      if (!out.no_answer) {
        record.status = r.http_status;
        record.code = r.code;
        record.request_id = id;
      }
      record.fault = fault ? std::string(fault_name(*fault)) : c.applied_fault;
      record.latency_us =
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started)
              .count();
      calls.add(std::move(record));
    }
    json::object envelope(
        {{"code", r.code}, {"message", r.message}, {"request_id", id}, {"data", std::move(r.data)}},
        r.data.storage());
    out.response.status = r.http_status;
    out.response.headers = {{"content-type", "application/json"}, {"x-tt-logid", id}};
    out.response.body = json::serialize(envelope);
    return out;
  }

  std::string describe() const {
    std::string out = "tiktok-sim: in-process TikTok Shop simulator; shops";
    for (const auto& s : core.cfg.shops) out += " " + s.key + " (" + s.region + " " + s.seller_type + ")";
    out += store ? "; state " + store->file().string() : "; state in memory only";
    out += default_webhook.empty() ? "; no default webhook address"
                                   : "; webhooks to " + printable_origin(default_webhook);
    return out;
  }

  mutable std::mutex mu;
  sim_core core;
  fault_plan faults;
  call_log calls;
  rate_limiter limiter;
  std::optional<snapshot_store> store;
  webhook_sender sender;
  std::string default_webhook;
  std::atomic<std::uint64_t> request_counter{0};
  bool persist_failure_logged = false;
  bool dirty = false;
  std::chrono::steady_clock::time_point last_write{};
  std::mutex write_mu;  // one snapshot writer at a time; taken before mu
  plugin::logger& log_;

  std::mutex ticker_mu;
  std::condition_variable ticker_wake;
  bool stopping = false;
  std::thread ticker;
};

plugin::result<std::unique_ptr<engine>> engine::open(settings s, const plugin::clock& clock,
                                                     plugin::logger& log) {
  try {
    auto p = std::make_unique<impl>(std::move(s), clock, log);
    if (auto started = p->start(); !started) return started.err();
    return std::unique_ptr<engine>(new engine(std::move(p)));
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, std::string("tiktok-sim: cannot start: ") + e.what());
  }
}

engine::engine(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

engine::~engine() = default;

namespace {

plugin::http_response internal_error_response() {
  plugin::http_response r;
  r.status = 500;
  r.headers = {{"content-type", "application/json"}};
  r.body =
      R"({"code":36009003,"message":"Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.","request_id":"","data":null})";
  return r;
}

// Grants and revocations are written to the state file before the answer leaves: a host that stores a
// token it was just given must find it valid after the simulator restarts, even after a crash.
bool changes_credentials(const plugin::http_request& request) {
  if (request.host == plugin::host_kind::auth) return true;
  for (std::string_view prefix : {"/__sim/authorize", "/__sim/deauthorize", "/__sim/tokens/"})
    if (request.target.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

plugin::http_response engine::handle(const plugin::http_request& request) noexcept {
  try {
    auto out = impl_->handle(request);
    if (changes_credentials(request)) impl_->flush(true);
    if (out.no_answer == fault_kind::timeout) {
      const api_error& e = err::request_timeout;
      out.response.status = e.http_status;
      json::object envelope{{"code", e.code}, {"message", e.message}, {"request_id", ""}, {"data", nullptr}};
      out.response.body = json::serialize(envelope);
    }
    return std::move(out.response);
  } catch (...) {
    return internal_error_response();
  }
}

plugin::result<plugin::http_response> engine::send(const plugin::http_request& request) noexcept {
  try {
    auto out = impl_->handle(request);
    if (changes_credentials(request)) impl_->flush(true);
    if (!out.no_answer) return std::move(out.response);
    auto stall =
        std::min(std::chrono::milliseconds(impl_->core.cfg.faults.timeout_stall_ms), request.timeout);
    if (stall.count() > 0) std::this_thread::sleep_for(stall);
    return plugin::make_error(plugin::errc::timeout, "tiktok-sim: no answer to " + request.method + " " +
                                                         request.target.substr(0, request.target.find('?')) +
                                                         " (injected " +
                                                         std::string(fault_name(*out.no_answer)) + " fault)");
  } catch (...) {
    return internal_error_response();
  }
}

void engine::flush() {
  impl_->flush(true);
}

std::int64_t engine::now() const {
  std::lock_guard lock(impl_->mu);
  return impl_->core.now();
}

void engine::settle() {
  impl_->settle_now();
}

void engine::drain_webhooks() {
  impl_->sender.drain();
}

std::string engine::describe() const {
  std::lock_guard lock(impl_->mu);
  return impl_->describe();
}

const settings& engine::config() const noexcept {
  return impl_->core.cfg;
}

}  // namespace kingkung::sim
