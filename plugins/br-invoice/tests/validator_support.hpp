// Helpers for asserting on validator reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kingkung/br/nfe_validator.hpp"

namespace kingkung::br::test {

// A copy of the first failure whose field starts with `field`.
inline std::optional<nfe_failure> failure_at(const nfe_report& report, std::string_view field) {
  for (const auto& f : report.failures)
    if (std::string_view(f.field).starts_with(field)) return f;
  return std::nullopt;
}

inline std::string all_failures(const nfe_report& report) {
  std::string out;
  for (const auto& f : report.failures) out += describe(f) + "\n";
  return out;
}

}  // namespace kingkung::br::test
