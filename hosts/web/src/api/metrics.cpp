#include "api/metrics.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>

namespace kingkung::web {
namespace {

// Upper bounds of the latency buckets, in seconds.
constexpr std::array<double, 11> bucket_bounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
constexpr std::array<std::string_view, 11> bucket_labels = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                                            "0.5",   "1",    "2.5",   "5",    "10"};

struct latency {
  std::array<std::uint64_t, bucket_bounds.size()> buckets{};  // not cumulative; summed when printed
  std::uint64_t count = 0;
  std::chrono::nanoseconds sum{0};
};

std::string seconds_text(std::chrono::nanoseconds d) {
  // Nanoseconds as decimal seconds, exactly ("0.001250000").
  auto ns = d.count();
  std::string frac = std::to_string(ns % 1'000'000'000);
  return std::to_string(ns / 1'000'000'000) + "." + std::string(9 - frac.size(), '0') + frac;
}

}  // namespace

struct request_metrics::impl {
  mutable std::mutex mutex;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> requests;
  std::map<std::pair<std::string, std::string>, latency> latencies;
};

request_metrics::request_metrics() : impl_(std::make_unique<impl>()) {}
request_metrics::~request_metrics() = default;

void request_metrics::observe(std::string_view method, std::string_view route, unsigned status,
                              std::chrono::nanoseconds elapsed) {
  std::string m(method.substr(0, 16));
  std::string r = route.empty() ? std::string("unmatched") : std::string(route);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::lock_guard lock(impl_->mutex);
  ++impl_->requests[{m, r, status}];
  auto& l = impl_->latencies[{std::move(m), std::move(r)}];
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
    if (seconds <= bucket_bounds[i]) {
      ++l.buckets[i];
      break;
    }
  ++l.count;
  l.sum += elapsed;
}

std::string request_metrics::prometheus_text() const {
  std::string out;
  std::lock_guard lock(impl_->mutex);
  out += "# HELP kingkung_http_requests_total HTTP requests answered, by method, route pattern and status.\n";
  out += "# TYPE kingkung_http_requests_total counter\n";
  for (const auto& [key, n] : impl_->requests) {
    const auto& [method, route, status] = key;
    out += "kingkung_http_requests_total{method=\"" + prometheus_label(method) + "\",route=\"" +
           prometheus_label(route) + "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP kingkung_http_request_duration_seconds Time to answer a request, by method and route pattern.\n";
  out += "# TYPE kingkung_http_request_duration_seconds histogram\n";
  for (const auto& [key, l] : impl_->latencies) {
    const std::string labels =
        "method=\"" + prometheus_label(key.first) + "\",route=\"" + prometheus_label(key.second) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
      cumulative += l.buckets[i];
      out += "kingkung_http_request_duration_seconds_bucket{" + labels + ",le=\"" + std::string(bucket_labels[i]) +
             "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "kingkung_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(l.count) +
           "\n";
    out += "kingkung_http_request_duration_seconds_sum{" + labels + "} " + seconds_text(l.sum) + "\n";
    out += "kingkung_http_request_duration_seconds_count{" + labels + "} " + std::to_string(l.count) + "\n";
  }
  return out;
}

bool loopback_peer(std::string_view address) noexcept {
  if (address == "::1" || address == "0:0:0:0:0:0:0:1") return true;
  constexpr std::string_view mapped = "::ffff:";
  if (address.size() > mapped.size() && address.substr(0, mapped.size()) == mapped)
    address.remove_prefix(mapped.size());
  // 127.0.0.0/8: "127." followed by three decimal octets.
  if (address.substr(0, 4) != "127.") return false;
  int dots = 0;
  for (char c : address.substr(4)) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 2;
}

std::string prometheus_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace kingkung::web
