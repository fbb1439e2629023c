// br-invoice's NF-e validation (plugins/br-invoice): a valid authorised NF-e checked against the
// order's expectations, and one with a wrong access key check digit (every check still runs).
//   kingkung_bench --benchmark_filter=Nfe
#include <benchmark/benchmark.h>

#include <string>

#include "kingkung/br/nfe_validator.hpp"
#include "nfe_builder.hpp"

namespace {

namespace br = kingkung::br;

br::nfe_expectations expectations_for(const br::test::nfe_builder& b) {
  br::nfe_expectations expect;
  expect.emitter_cnpj = b.issuer_cnpj;
  expect.recipient_tax_id = b.recipient_cpf;
  expect.total = br::amount::parse(b.total).value();
  return expect;
}

void validate(benchmark::State& state, const std::string& xml, const br::nfe_expectations& expect,
              bool should_pass) {
  bool passed = false;
  for (auto _ : state) {
    auto report = br::validate_nfe(xml, expect);
    passed = report.ok();
    benchmark::DoNotOptimize(report.failures.data());
  }
  if (passed != should_pass) state.SkipWithError("the validator gave an unexpected verdict");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(xml.size()));
}

void BM_NfeValidateAuthorised(benchmark::State& state) {
  br::test::nfe_builder b;
  validate(state, b.xml(), expectations_for(b), true);
}

void BM_NfeValidateWrongCheckDigit(benchmark::State& state) {
  br::test::nfe_builder b;
  std::string key = b.key();
  key.back() = key.back() == '0' ? '1' : '0';
  b.id_override = "NFe" + key;
  validate(state, b.xml(), expectations_for(b), false);
}

BENCHMARK(BM_NfeValidateAuthorised)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_NfeValidateWrongCheckDigit)->Unit(benchmark::kMicrosecond);

}  // namespace
