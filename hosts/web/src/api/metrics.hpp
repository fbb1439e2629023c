// Request counts and latencies of the web host, by method, route pattern and status, for GET /metrics.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace kingkung::web {

class request_metrics {
 public:
  request_metrics();
  ~request_metrics();
  request_metrics(const request_metrics&) = delete;
  request_metrics& operator=(const request_metrics&) = delete;

  // Thread-safe. `route` is the router's pattern ("/api/v1/orders/{shop_id}/{order_id}"), never the raw
  // path, so ids do not become labels; empty (no route matched) is counted as "unmatched".
  void observe(std::string_view method, std::string_view route, unsigned status, std::chrono::nanoseconds elapsed);
  // The request series in Prometheus text exposition format:
  //   kingkung_http_requests_total{method,route,status}            counter
  //   kingkung_http_request_duration_seconds{method,route}          histogram (_bucket{le}, _sum, _count)
  std::string prometheus_text() const;

  struct impl;

 private:
  std::unique_ptr<impl> impl_;
};

// True for a peer /metrics answers: 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z).
bool loopback_peer(std::string_view remote_address) noexcept;

// A Prometheus label value with backslash, double quote and line feed escaped.
std::string prometheus_label(std::string_view value);

}  // namespace kingkung::web
