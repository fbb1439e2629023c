#include "fault_plan.hpp"

#include <algorithm>

namespace kingkung::sim::detail {
namespace {

std::size_t index_of(fault_kind k) noexcept {
  return static_cast<std::size_t>(k);
}

// Maps a draw to [0, 1) with 53 bits, as a double holds them.
double unit(std::uint64_t draw) noexcept {
  return static_cast<double>(draw >> 11) * (1.0 / 9007199254740992.0);
}

}  // namespace

std::string_view fault_name(fault_kind k) noexcept {
  switch (k) {
    case fault_kind::rate_limit:
      return "429";
    case fault_kind::internal_500:
      return "500";
    case fault_kind::overload_503:
      return "503";
    case fault_kind::timeout:
      return "timeout";
    case fault_kind::lost_answer:
      return "lost_answer";
  }
  return "";
}

std::optional<fault_kind> fault_from_name(std::string_view name) noexcept {
  for (fault_kind k : all_fault_kinds)
    if (fault_name(k) == name) return k;
  return std::nullopt;
}

bool path_matches(std::string_view pattern, std::string_view path) noexcept {
  // Greedy glob with one backtrack point: the last '*' seen.
  std::size_t p = 0, s = 0, star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

double& fault_rates::of(fault_kind k) noexcept {
  switch (k) {
    case fault_kind::rate_limit:
      return rate_limit;
    case fault_kind::internal_500:
      return internal_500;
    case fault_kind::overload_503:
      return overload_503;
    case fault_kind::timeout:
      return timeout;
    case fault_kind::lost_answer:
      break;
  }
  return lost_answer;
}

double fault_rates::of(fault_kind k) const noexcept {
  switch (k) {
    case fault_kind::rate_limit:
      return rate_limit;
    case fault_kind::internal_500:
      return internal_500;
    case fault_kind::overload_503:
      return overload_503;
    case fault_kind::timeout:
      return timeout;
    case fault_kind::lost_answer:
      break;
  }
  return lost_answer;
}

double fault_rates::total() const noexcept {
  return rate_limit + internal_500 + overload_503 + timeout + lost_answer;
}

fault_plan::fault_plan(fault_rates rates, std::vector<std::string> paths, std::uint64_t seed) : random_(0) {
  set_rates(rates, std::move(paths), seed);
}

void fault_plan::set_rates(fault_rates rates, std::vector<std::string> paths, std::uint64_t seed) {
  rates_ = rates;
  paths_ = paths.empty() ? std::vector<std::string>{"*"} : std::move(paths);
  random_ = prng(mix(seed, hash_text("faults")));
}

std::uint64_t fault_plan::script(scripted_fault f) {
  f.id = ++next_id_;
  scripted_.push_back(std::move(f));
  return next_id_;
}

std::uint64_t fault_plan::script(order_omission o) {
  o.id = ++next_id_;
  omissions_.push_back(std::move(o));
  return next_id_;
}

std::vector<std::string> fault_plan::omitted_orders(std::string_view shop_id,
                                                    const std::vector<std::string>& asked) {
  for (auto it = omissions_.begin(); it != omissions_.end(); ++it) {
    if (!it->shop_id.empty() && it->shop_id != shop_id) continue;
    std::vector<std::string> left_out;
    for (const auto& id : asked)
      if (it->order_ids.empty() ||
          std::find(it->order_ids.begin(), it->order_ids.end(), id) != it->order_ids.end())
        left_out.push_back(id);
    if (left_out.empty()) continue;
    if (--it->remaining <= 0) omissions_.erase(it);
    ++omitted_calls_;
    return left_out;
  }
  return {};
}

void fault_plan::clear() {
  scripted_.clear();
  omissions_.clear();
  rates_ = {};
  paths_ = {"*"};
}

std::optional<fault_kind> fault_plan::decide(std::string_view method, std::string_view path,
                                             std::string_view shop_id) {
  for (auto it = scripted_.begin(); it != scripted_.end(); ++it) {
    if (!it->method.empty() && it->method != method) continue;
    if (!it->shop_id.empty() && it->shop_id != shop_id) continue;
    if (!path_matches(it->path, path)) continue;
    fault_kind k = it->kind;
    if (--it->remaining <= 0) scripted_.erase(it);
    ++injected_[index_of(k)];
    return k;
  }
  if (rates_.total() <= 0) return std::nullopt;
  if (std::none_of(paths_.begin(), paths_.end(), [&](const std::string& p) { return path_matches(p, path); }))
    return std::nullopt;
  double draw = unit(random_.next());
  for (fault_kind k : all_fault_kinds) {
    draw -= rates_.of(k);
    if (draw < 0) {
      ++injected_[index_of(k)];
      return k;
    }
  }
  return std::nullopt;
}

json::object fault_plan::report() const {
  json::object rates, injected;
  for (fault_kind k : all_fault_kinds) {
    rates[fault_name(k)] = rates_.of(k);
    injected[fault_name(k)] = injected_[index_of(k)];
  }
  json::array paths;
  for (const auto& p : paths_) paths.emplace_back(p);
  json::array scripted;
  for (const auto& f : scripted_)
    scripted.push_back(json::object{{"id", f.id},
                                    {"kind", fault_name(f.kind)},
                                    {"remaining", f.remaining},
                                    {"path", f.path},
                                    {"method", f.method},
                                    {"shop_id", f.shop_id}});
  for (const auto& o : omissions_) {
    json::array ids;
    for (const auto& id : o.order_ids) ids.emplace_back(id);
    scripted.push_back(json::object{{"id", o.id},
                                    {"kind", omit_orders_name},
                                    {"remaining", o.remaining},
                                    {"path", "/order/*/orders"},
                                    {"method", "GET"},
                                    {"shop_id", o.shop_id},
                                    {"order_ids", std::move(ids)}});
  }
  injected[omit_orders_name] = omitted_calls_;
  return {{"rates", std::move(rates)},
          {"paths", std::move(paths)},
          {"scripted", std::move(scripted)},
          {"injected", std::move(injected)}};
}

}  // namespace kingkung::sim::detail
