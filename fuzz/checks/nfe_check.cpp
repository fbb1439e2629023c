// NF-e validation (plugins/br-invoice): deterministic, never processes a DOCTYPE, every failure says
// where and what, a document that passes carries a valid access key and emitter CNPJ, and a document
// checked against the facts it states itself still passes.
#include <string>

#include "kingkung/br/access_key.hpp"
#include "kingkung/br/amount.hpp"
#include "kingkung/br/nfe_validator.hpp"
#include "kingkung/br/tax_id.hpp"
#include "support.hpp"

namespace kingkung::fuzz {
namespace {

constexpr std::string_view target = "nfe";

std::string summary(const br::nfe_report& r) {
  std::string out = r.facts.access_key + "|" + r.facts.emitter_cnpj + "|" + r.facts.recipient_tax_id + "|" +
                    r.facts.total + "|" + r.facts.protocol_status + "|";
  for (const auto& ref : r.facts.order_references) out += ref + ",";
  for (const auto& f : r.failures) out += "\n" + br::describe(f);
  return out;
}

}  // namespace

void check_nfe(std::string_view input) {
  using detail::require;
  const auto report = br::validate_nfe(input, {});
  require(summary(report) == summary(br::validate_nfe(input, {})), target, "validation is not deterministic");

  for (const auto& f : report.failures) {
    require(!f.field.empty() && !f.message.empty(), target, "a failure without its field or message");
    require(!br::describe(f).empty(), target, "a failure that describes to nothing");
  }
  if (input.size() > br::max_nfe_bytes) require(!report.ok(), target, "an NF-e over the size limit passed");
  if (detail::contains(input, "<!DOCTYPE") || detail::contains(input, "<!ENTITY"))
    require(!report.ok(), target, "a document with a DOCTYPE or an entity passed");
  if (!report.ok()) return;

  require(br::is_valid_access_key(report.facts.access_key), target,
          "a passing NF-e whose access key is not valid: " + detail::printable(report.facts.access_key));
  require(br::is_valid_cnpj(br::normalize_tax_id(report.facts.emitter_cnpj)), target,
          "a passing NF-e whose emitter CNPJ is not valid");

  br::nfe_expectations own;
  own.emitter_cnpj = report.facts.emitter_cnpj;
  if (!report.facts.recipient_tax_id.empty()) own.recipient_tax_id = report.facts.recipient_tax_id;
  if (auto total = br::amount::parse(report.facts.total)) own.total = *total;
  const auto against_own = br::validate_nfe(input, own);
  require(against_own.ok(), target, "an NF-e fails against the facts it states itself:" + summary(against_own));

  br::nfe_expectations other = own;
  other.emitter_cnpj = br::normalize_tax_id(report.facts.emitter_cnpj) == "11222333000181" ? "11444777000161"
                                                                                            : "11222333000181";
  require(!br::validate_nfe(input, other).ok(), target, "an NF-e passed for another emitter's CNPJ");
}

}  // namespace kingkung::fuzz
