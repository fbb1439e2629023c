// What the simulator reads from an uploaded Brazilian NF-e (nota fiscal eletrônica) to decide its
// invoice status the way SEFAZ-backed validation would: the 44-digit access key and its check digit,
// and the authorisation status (cStat) of the protocol. A tolerant tag reader, not a full XML parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::sim::detail {

struct nfe_facts {
  bool looks_like_nfe = false;        // has an <infNFe> or <nfeProc> element
  std::string access_key;             // from protNFe/infProt/chNFe, else infNFe/@Id without "NFe"
  std::optional<std::string> c_stat;  // protNFe/infProt/cStat when present
};

nfe_facts read_nfe(std::string_view xml);

// mod-11 check digit over the first 43 digits (weights 2..9 from the right; remainder 0 or 1 -> 0).
char access_key_check_digit(std::string_view first43);
bool access_key_valid(std::string_view key);  // 44 digits with a correct check digit

// Standard base64 (with or without padding, whitespace ignored). nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view in);
std::string base64_encode(std::string_view in);

}  // namespace kingkung::sim::detail
