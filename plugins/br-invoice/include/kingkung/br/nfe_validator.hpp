// Validates an NF-e XML before it is uploaded, so a seller learns about every mistake at once instead
// of waiting for an asynchronous rejection. The document is parsed without any DTD processing: a
// document that declares a DOCTYPE is refused before parsing, and nothing is ever fetched or expanded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/br/amount.hpp"

namespace kingkung::br {

inline constexpr std::string_view nfe_namespace = "http://www.portalfiscal.inf.br/nfe";
inline constexpr std::size_t max_nfe_bytes = 1024 * 1024;  // the platform's upload limit

// One failed check. `field` is an XPath-like location ("nfeProc/NFe/infNFe/@Id",
// "nfeProc/protNFe/infProt/cStat"; "file" for the whole file, "document" for the XML itself).
struct nfe_failure {
  std::string field;
  std::string expected;
  std::string found;
  std::string message;  // one sentence for the seller
};

// What the NF-e must agree with. Unset members are not checked.
struct nfe_expectations {
  std::optional<std::string> emitter_cnpj;           // the shop's CNPJ (any punctuation)
  std::optional<std::string> recipient_tax_id;       // the order's buyer CPF or CNPJ (any punctuation)
  std::optional<amount> total;                       // the order total
  amount total_tolerance = amount::from_units(100);  // 0.01
};

// What could be read from the document, whether or not it passed.
struct nfe_facts {
  std::string access_key;                     // from infNFe/@Id without "NFe", when it has the key's shape
  std::string emitter_cnpj;                   // emit/CNPJ as written
  std::string recipient_tax_id;               // dest/CPF or dest/CNPJ as written
  std::string total;                          // total/ICMSTot/vNF as written
  std::string protocol_status;                // protNFe/infProt/cStat as written
  std::vector<std::string> order_references;  // compra/xPed, det/prod/xPed and infAdic/infCpl texts
};

struct nfe_report {
  std::vector<nfe_failure> failures;
  nfe_facts facts;
  bool ok() const { return failures.empty(); }
};

// Runs every check that applies. Size, DOCTYPE and well-formedness failures stop the checks (nothing
// else can be read); every other failure is collected.
nfe_report validate_nfe(std::string_view xml, const nfe_expectations& expect);

// "field: expected X, found Y. message" for logs and plain-text replies.
std::string describe(const nfe_failure& failure);

}  // namespace kingkung::br
