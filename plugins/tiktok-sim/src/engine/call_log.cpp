#include "call_log.hpp"

#include <array>
#include <vector>

#include "request_view.hpp"

namespace kingkung::sim::detail {
namespace {

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 5> secret_keys = {"sign", "access_token", "app_secret",
                                                                  "refresh_token", "auth_code"};
  auto decoded = percent_decode(key);
  std::string_view name = decoded ? std::string_view(*decoded) : key;
  for (auto k : secret_keys)
    if (name == k) return true;
  return false;
}

json::object to_json(const call_record& r) {
  return {{"seq", r.seq},         {"time", r.time},
          {"host", r.host},       {"method", r.method},
          {"path", r.path},       {"query", r.query},
          {"shop_id", r.shop_id}, {"status", r.status},
          {"code", r.code},       {"request_id", r.request_id},
          {"fault", r.fault},     {"latency_us", r.latency_us}};
}

}  // namespace

std::string query_without_secrets(std::string_view target) {
  auto q = target.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = target.substr(q + 1);
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::string out;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    if (is_secret_key(pair.substr(0, pair.find('=')))) continue;
    if (!out.empty()) out += '&';
    out += pair;
  }
  return out;
}

void call_log::add(call_record r) {
  r.seq = ++next_seq_;
  if (capacity_ == 0) {
    ++dropped_;
    return;
  }
  if (records_.size() >= capacity_) {
    records_.pop_front();
    ++dropped_;
  }
  records_.push_back(std::move(r));
}

json::object call_log::query(const call_filter& f) const {
  std::vector<const call_record*> matched;
  for (const auto& r : records_) {
    if (!f.shop_id.empty() && r.shop_id != f.shop_id) continue;
    if (!f.path_prefix.empty() && r.path.rfind(f.path_prefix, 0) != 0) continue;
    if (f.since && r.time < *f.since) continue;
    matched.push_back(&r);
  }
  std::size_t first = matched.size() > f.limit ? matched.size() - f.limit : 0;
  json::array calls;
  for (std::size_t i = first; i < matched.size(); ++i) calls.push_back(to_json(*matched[i]));
  return {{"calls", std::move(calls)}, {"matched", matched.size()}, {"dropped", dropped_}};
}

}  // namespace kingkung::sim::detail
