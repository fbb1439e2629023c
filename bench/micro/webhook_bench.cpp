// Webhook verification: the constant-time signature check that runs on every delivery before anything
// is parsed (webhooks/intake.hpp), for a typical order-status body and for a body at the size cap.
//   kingkung_bench --benchmark_filter=Webhook
#include <benchmark/benchmark.h>

#include <string>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "kingkung/webhooks/intake.hpp"

namespace {

namespace webhooks = kingkung::webhooks;

constexpr const char* app_key = "kk-bench-app";
const kingkung::secret& app_secret() {
  static const kingkung::secret s(std::string("kk-bench-secret-0123456789abcdef"));
  return s;
}

std::string status_change_body(std::size_t padded_to) {
  std::string body =
      R"({"type":1,"tts_notification_id":"7327112393057371910","shop_id":"7494883102967740417",)"
      R"("timestamp":1760000000,"data":{"order_id":"579381624750213456","order_status":"AWAITING_SHIPMENT",)"
      R"("is_on_hold_order":false,"update_time":1760000000,"note":")";
  if (body.size() + 3 < padded_to) body.append(padded_to - body.size() - 3, 'x');
  body += "\"}}";
  return body;
}

void verify(benchmark::State& state, const std::string& body, bool tamper) {
  std::string authorization =
      kingkung::tiktok::hmac_sha256_hex(app_secret().reveal(), std::string(app_key) + body);
  if (tamper) authorization.back() = authorization.back() == '0' ? '1' : '0';
  bool matched = false;
  for (auto _ : state) {
    matched = webhooks::signature_matches(app_key, app_secret(), body, authorization);
    benchmark::DoNotOptimize(matched);
  }
  if (matched == tamper) state.SkipWithError("the signature check gave the wrong answer");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(body.size()));
}

void BM_WebhookVerifyTypical(benchmark::State& state) {
  verify(state, status_change_body(0), false);
}
void BM_WebhookVerifyRejected(benchmark::State& state) {
  verify(state, status_change_body(0), true);
}
void BM_WebhookVerifyAtSizeCap(benchmark::State& state) {
  verify(state, status_change_body(webhooks::default_max_body_bytes), false);
}

BENCHMARK(BM_WebhookVerifyTypical);
BENCHMARK(BM_WebhookVerifyRejected);
BENCHMARK(BM_WebhookVerifyAtSizeCap);

}  // namespace
