// What every handler works on: the state, the settings, the simulated clock, ids, and the call
// being answered. All of it is used under the engine's lock.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api_errors.hpp"
#include "json_util.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/sim/settings.hpp"
#include "model.hpp"
#include "request_view.hpp"

namespace kingkung::sim::detail {

// A webhook to send once the call's changes are stored.
class fault_plan;
class call_log;
class webhook_sender;

struct event {
  std::string shop_key;
  int type = 0;
  json::object data;
};

class sim_core {
 public:
  sim_core(settings cfg, const plugin::clock& clock, plugin::logger& log)
      : cfg(std::move(cfg)), clock_(clock), log_(log) {}

  settings cfg;
  sim_state state;
  // Delivery statistics of the webhook sender, for the control API's summary.
  std::function<json::object()> webhook_report;
  // The engine's fault plan, call log and webhook sender, for the control API. Set by the engine.
  fault_plan* faults = nullptr;
  call_log* calls = nullptr;
  webhook_sender* webhooks = nullptr;

  std::int64_t host_now() const;
  std::int64_t now() const { return host_now() + state.clock_offset; }
  plugin::logger& log() const noexcept { return log_; }

  // A fresh platform-style numeric id ("576" + 15 digits) that survives restarts (persistent counter).
  std::string next_id(std::string_view prefix, int total_digits);

  shop_state* shop_by_key(std::string_view key);
  shop_state* shop_by_cipher(std::string_view cipher);
  // The shop that holds an order or package id, if any.
  shop_state* shop_of_order(std::string_view order_id);
  shop_state* shop_of_package(std::string_view package_id);

 private:
  const plugin::clock& clock_;
  plugin::logger& log_;
};

struct reply {
  int http_status = 200;
  std::int64_t code = 0;
  std::string message = "Success";
  json::value data;  // null on errors

  // Move-constructs data, so that it keeps its storage (the request's arena, see call::answer_storage).
  static reply ok(json::value data = json::object{}) { return reply{200, 0, "Success", std::move(data)}; }
  static reply fail(const api_error& e) {
    reply r;
    r.http_status = e.http_status;
    r.code = e.code;
    r.message = std::string(e.message);
    return r;
  }
};

struct call {
  call(sim_core& c, const request_view& r, std::int64_t t) : core(c), req(r), now(t) {}

  sim_core& core;
  const request_view& req;
  std::int64_t now;
  shop_state* shop = nullptr;           // from shop_cipher, on routes that take one
  const authorization* auth = nullptr;  // from x-tts-access-token
  std::vector<std::string> params;      // path parameters, in order
  json::value body;                     // the parsed JSON body (null when none)
  // Where a handler may build its answer: an arena that lives until the answer is serialised (the
  // engine's handle()), so a page of orders costs no malloc and free per value. Default storage when
  // a handler does not opt in; a value built here must be moved, not assigned, into the reply.
  json::storage_ptr answer_storage;
  std::vector<event> events;
  bool changed = false;
  std::string applied_fault;  // a fault the handler applied to its answer ("omit_orders"), for the call log

  const json::object& body_object() const {
    static const json::object empty;
    const auto* o = body.if_object();
    return o ? *o : empty;
  }
  void emit(const shop_state& s, int type, json::object data) {
    events.push_back({s.cfg.key, type, std::move(data)});
  }
};

using handler = reply (*)(call&);

}  // namespace kingkung::sim::detail
