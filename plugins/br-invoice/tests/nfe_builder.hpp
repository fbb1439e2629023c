// Test NF-e documents made on demand, with real check digits computed here (independently of the
// library under test), so each test changes exactly the one thing it is about. Header-only: the
// end-to-end test (tests/integration/markets/br_invoice_e2e_test.cpp) uses it too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kingkung::br::test {

namespace builder_detail {

inline char digit_for(int sum) {
  int r = sum % 11;
  return static_cast<char>('0' + (r < 2 ? 0 : 11 - r));
}

// Weights 2..9 from the right, starting again at 2; characters are worth their ASCII code minus 48.
inline char mod11_right_to_left(std::string_view text) {
  int sum = 0;
  int n = static_cast<int>(text.size());
  for (int i = 0; i < n; ++i) sum += (text[n - 1 - i] - '0') * (2 + i % 8);
  return digit_for(sum);
}

}  // namespace builder_detail

// The 14-character CNPJ for a 12-character base (0-9, A-Z), with its two check digits.
inline std::string cnpj_from_base(std::string_view base12) {
  std::string cnpj(base12);
  cnpj += builder_detail::mod11_right_to_left(cnpj);
  cnpj += builder_detail::mod11_right_to_left(cnpj);
  return cnpj;
}

// The 11-digit CPF for a 9-digit base (weights 10..2, then 11..2).
inline std::string cpf_from_base(std::string_view base9) {
  std::string cpf(base9);
  for (int round = 0; round < 2; ++round) {
    int sum = 0;
    int n = static_cast<int>(cpf.size());
    for (int i = 0; i < n; ++i) sum += (cpf[i] - '0') * (n + 1 - i);
    cpf += builder_detail::digit_for(sum);
  }
  return cpf;
}

// The 44-character key for its first 43 characters.
inline std::string key_from_first43(std::string_view first43) {
  return std::string(first43) + builder_detail::mod11_right_to_left(first43);
}

struct nfe_builder {
  std::string state_code = "35";
  std::string year_month = "2611";
  std::string issuer_cnpj = cnpj_from_base("112223330001");
  std::string model = "55";
  std::string series = "001";
  std::string number = "000004321";
  std::string emission_type = "1";
  std::string random_code = "10293847";

  std::optional<std::string> id_override;   // infNFe/@Id as written, instead of "NFe" + key()
  std::optional<std::string> emitter_cnpj;  // emit/CNPJ; the issuer CNPJ when unset
  std::optional<std::string> recipient_cpf = cpf_from_base("529982247");
  std::optional<std::string> recipient_cnpj;  // dest/CNPJ, used when recipient_cpf is unset
  std::string total = "150.00";               // total/ICMSTot/vNF
  bool with_protocol = true;                  // nfeProc with protNFe; false gives a bare NFe root
  std::string protocol_status = "100";
  std::optional<std::string> protocol_key;  // chNFe; key() when unset
  std::string namespace_uri = "http://www.portalfiscal.inf.br/nfe";
  std::string order_reference;  // compra/xPed when not empty

  std::string key() const {
    return key_from_first43(state_code + year_month + issuer_cnpj + model + series + number + emission_type +
                            random_code);
  }

  std::string xml() const {
    std::string k = key();
    std::string id = id_override.value_or("NFe" + k);
    std::string dest = recipient_cpf    ? "<CPF>" + *recipient_cpf + "</CPF>"
                       : recipient_cnpj ? "<CNPJ>" + *recipient_cnpj + "</CNPJ>"
                                        : "";
    std::string compra =
        order_reference.empty() ? "" : "<compra><xPed>" + order_reference + "</xPed></compra>";
    std::string nfe = "<NFe" + std::string(with_protocol ? "" : " xmlns=\"" + namespace_uri + "\"") + ">" +
                      "<infNFe versao=\"4.00\" Id=\"" + id + "\">" + "<ide><cUF>" + state_code +
                      "</cUF><mod>" + model + "</mod><serie>1</serie><nNF>4321</nNF></ide>" + "<emit><CNPJ>" +
                      emitter_cnpj.value_or(issuer_cnpj) + "</CNPJ><xNome>Loja Exemplo LTDA</xNome></emit>" +
                      "<dest>" + dest + "<xNome>Comprador</xNome></dest>" +
                      "<det nItem=\"1\"><prod><cProd>SKU-1</cProd><xProd>Camiseta</xProd><vProd>" + total +
                      "</vProd></prod></det>" + "<total><ICMSTot><vProd>" + total + "</vProd><vNF>" + total +
                      "</vNF></ICMSTot></total>" + compra + "</infNFe></NFe>";
    if (!with_protocol) return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + nfe;
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + std::string("<nfeProc xmlns=\"") + namespace_uri +
           "\" versao=\"4.00\">" + nfe + "<protNFe versao=\"4.00\"><infProt><tpAmb>1</tpAmb><chNFe>" +
           protocol_key.value_or(k) +
           "</chNFe><dhRecbto>2026-11-20T10:00:00-03:00</dhRecbto><nProt>135260000000001</nProt><cStat>" +
           protocol_status +
           "</cStat><xMotivo>Autorizado o uso da NF-e</xMotivo></infProt></protNFe></nfeProc>";
  }
};

}  // namespace kingkung::br::test
