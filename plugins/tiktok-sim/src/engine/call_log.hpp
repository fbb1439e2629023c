// The simulator's own record of the platform calls it answered (docs/simulator.md, "Call log"): a ring
// of the last N calls, queryable through GET /__sim/calls. It never holds a secret: the query is kept
// without its secret parameters and headers are not recorded. Used under the engine's lock.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "json_util.hpp"

namespace kingkung::sim::detail {

struct call_record {
  std::uint64_t seq = 0;
  std::int64_t time = 0;  // simulated Unix seconds
  std::string host;       // "api" or "auth"
  std::string method;
  std::string path;
  std::string query;  // as sent, secret parameters removed
  std::string shop_id;
  int status = 0;
  std::int64_t code = 0;
  std::string request_id;
  std::string fault;
  std::int64_t latency_us = 0;
};

// The query part of a target ("a=1&sign=x" from "/p?a=1&sign=x") without the parameters that carry
// secrets: sign, access_token, app_secret, refresh_token, auth_code. The rest stays as sent.
std::string query_without_secrets(std::string_view target);

struct call_filter {
  std::string shop_id;  // empty: every shop
  std::string path_prefix;
  std::optional<std::int64_t> since;
  std::size_t limit = 100;
};

class call_log {
 public:
  explicit call_log(std::size_t capacity) : capacity_(capacity) {}

  void add(call_record r);
  // {"calls": [...], "matched": N, "dropped": D}: the newest `limit` matches, oldest first.
  json::object query(const call_filter& f) const;
  std::size_t size() const noexcept { return records_.size(); }

 private:
  std::size_t capacity_;
  std::deque<call_record> records_;
  std::uint64_t next_seq_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace kingkung::sim::detail
