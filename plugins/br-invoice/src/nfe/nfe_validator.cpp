#include "kingkung/br/nfe_validator.hpp"

#include <algorithm>
#include <cctype>

#include <pugixml.hpp>

#include "kingkung/br/access_key.hpp"
#include "kingkung/br/tax_id.hpp"
#include "xml_names.hpp"

namespace kingkung::br {
namespace {

using detail::child_element;
using detail::local_name;
using detail::namespace_of;
using detail::text_of;

constexpr std::string_view authorised_status = "100";

// Values quoted in messages are shortened so a hostile file cannot flood a reply.
std::string quoted(std::string_view value) {
  constexpr std::size_t limit = 80;
  if (value.size() <= limit) return "\"" + std::string(value) + "\"";
  return "\"" + std::string(value.substr(0, limit)) + "...\" (" + std::to_string(value.size()) +
         " characters)";
}

struct position {
  std::size_t line = 1;
  std::size_t column = 1;
};

position position_of(std::string_view text, std::size_t offset) {
  position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string at(position p) {
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

std::size_t find_case_insensitive(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
  });
  return it == haystack.end() ? std::string_view::npos : static_cast<std::size_t>(it - haystack.begin());
}

std::string line_from(std::string_view text, std::size_t offset) {
  std::string_view rest = text.substr(offset);
  return std::string(rest.substr(0, std::min(rest.find('\n'), rest.size())));
}

class checker {
 public:
  checker(const nfe_expectations& expect, nfe_report& report) : expect_(expect), report_(report) {}

  void run(const pugi::xml_document& doc) {
    pugi::xml_node root = doc.document_element();
    std::string_view root_name = local_name(root);
    if (root_name != "nfeProc" && root_name != "NFe") {
      fail("/", "an nfeProc (or NFe) root element", quoted(root.name()),
           "This file is not an NF-e: its root element is not nfeProc.");
      return;
    }
    root_path_ = std::string(root_name);
    check_namespace(root, root_path_);
    pugi::xml_node nfe = root;
    std::string nfe_path = root_path_;
    if (root_name == "nfeProc") {
      nfe = child_element(root, "NFe");
      nfe_path = root_path_ + "/NFe";
      if (!nfe) {
        fail(nfe_path, "the NFe element", "missing", "The nfeProc file does not contain the NF-e itself.");
      } else {
        check_namespace(nfe, nfe_path);
      }
    }
    pugi::xml_node inf = child_element(nfe, "infNFe");
    inf_path_ = nfe_path + "/infNFe";
    if (nfe && !inf) fail(inf_path_, "the infNFe element", "missing", "The NF-e has no infNFe element.");
    if (inf) check_namespace(inf, inf_path_);

    check_access_key(inf);
    check_protocol(root_name == "nfeProc" ? child_element(root, "protNFe") : pugi::xml_node{});
    check_emitter(child_element(inf, "emit"));
    check_recipient(child_element(inf, "dest"));
    check_total(child_element(child_element(inf, "total"), "ICMSTot"));
    collect_order_references(inf);
  }

 private:
  void fail(std::string field, std::string expected, std::string found, std::string message) {
    report_.failures.push_back({std::move(field), std::move(expected), std::move(found), std::move(message)});
  }

  void check_namespace(const pugi::xml_node& node, const std::string& path) {
    if (namespace_reported_) return;
    std::string ns = namespace_of(node);
    if (ns == nfe_namespace) return;
    namespace_reported_ = true;
    fail(path, "namespace " + std::string(nfe_namespace), ns.empty() ? "no namespace" : "namespace " + ns,
         "The NF-e elements are not in the NF-e namespace, so this is not an NF-e as SEFAZ issues it.");
  }

  void check_access_key(const pugi::xml_node& inf) {
    std::string field = inf_path_ + "/@Id";
    if (!inf) return;
    std::string id = inf.attribute("Id").value();
    std::string_view key = id;
    if (!key.starts_with("NFe") || !split_access_key(key.substr(3))) {
      fail(field, "\"NFe\" followed by the 44-digit access key", id.empty() ? "missing" : quoted(id),
           "The access key in infNFe/@Id is missing or malformed.");
      return;
    }
    key.remove_prefix(3);
    report_.facts.access_key = std::string(key);
    access_key_parts parts = *split_access_key(key);
    char digit = *access_key_check_digit(key.substr(0, access_key_length - 1));
    if (digit != parts.check_digit) {
      fail(field + " (check digit, character 44)", std::string(1, digit), std::string(1, parts.check_digit),
           "The access key's check digit is wrong: the key was mistyped or altered.");
    }
    if (parts.model != "55") {
      fail(field + " (model, characters 21-22)", "55 (NF-e)", std::string(parts.model),
           "Only NF-e (model 55) can be uploaded; this key is for another document model.");
    }
    key_cnpj_ = std::string(parts.issuer_cnpj);
    if (!is_valid_cnpj(key_cnpj_)) {
      fail(field + " (issuer CNPJ, characters 7-20)",
           key_cnpj_.substr(0, 12) + *cnpj_check_digits(key_cnpj_.substr(0, 12)), key_cnpj_,
           "The issuer CNPJ inside the access key has wrong check digits.");
    }
  }

  void check_protocol(const pugi::xml_node& prot) {
    pugi::xml_node inf_prot = child_element(prot, "infProt");
    std::string prot_path = "nfeProc/protNFe/infProt";
    pugi::xml_node status = child_element(inf_prot, "cStat");
    if (!status) {
      fail(prot_path + "/cStat", "100 (authorised use)", "no authorisation protocol",
           "The file has no SEFAZ authorisation protocol: upload the authorised XML (nfeProc) that your "
           "invoicing system saved after SEFAZ accepted the NF-e.");
      return;
    }
    if (prot) check_namespace(prot, "nfeProc/protNFe");
    report_.facts.protocol_status = text_of(status);
    if (report_.facts.protocol_status != authorised_status) {
      fail(prot_path + "/cStat", "100 (authorised use)", quoted(report_.facts.protocol_status),
           "SEFAZ did not authorise this NF-e; only an authorised NF-e (status 100) can be uploaded.");
    }
    std::string protocol_key = text_of(child_element(inf_prot, "chNFe"));
    if (!report_.facts.access_key.empty() && protocol_key != report_.facts.access_key) {
      fail(prot_path + "/chNFe", report_.facts.access_key,
           protocol_key.empty() ? "missing" : quoted(protocol_key),
           "The authorisation protocol belongs to another NF-e than this document.");
    }
  }

  void check_emitter(const pugi::xml_node& emit) {
    std::string field = inf_path_ + "/emit/CNPJ";
    pugi::xml_node node = child_element(emit, "CNPJ");
    std::string cnpj = text_of(node);
    report_.facts.emitter_cnpj = cnpj;
    std::string normalized = normalize_tax_id(cnpj);
    if (node && !is_valid_cnpj(normalized)) {
      fail(field, "a valid CNPJ (14 characters with correct check digits)", quoted(cnpj),
           "The emitter CNPJ is not a valid CNPJ.");
    }
    if (expect_.emitter_cnpj) {
      std::string wanted = normalize_tax_id(*expect_.emitter_cnpj);
      if (normalized != wanted) {
        fail(field, wanted + " (the shop's CNPJ)", node ? quoted(cnpj) : "missing",
             "The NF-e was issued by another company than the one configured for this shop.");
      }
    }
    if (node && !key_cnpj_.empty() && normalized != key_cnpj_) {
      fail(field, key_cnpj_ + " (the CNPJ in the access key)", quoted(cnpj),
           "The emitter CNPJ differs from the issuer CNPJ inside the access key.");
    }
  }

  void check_recipient(const pugi::xml_node& dest) {
    pugi::xml_node cpf = child_element(dest, "CPF");
    pugi::xml_node cnpj = child_element(dest, "CNPJ");
    std::string field = inf_path_ + (cnpj && !cpf ? "/dest/CNPJ" : "/dest/CPF");
    std::string found = text_of(cpf ? cpf : cnpj);
    report_.facts.recipient_tax_id = found;
    std::string normalized = normalize_tax_id(found);
    if (cpf && !is_valid_cpf(normalized)) {
      fail(field, "a valid CPF (11 digits with correct check digits)", quoted(found),
           "The recipient CPF is not a valid CPF.");
    } else if (!cpf && cnpj && !is_valid_cnpj(normalized)) {
      fail(field, "a valid CNPJ (14 characters with correct check digits)", quoted(found),
           "The recipient CNPJ is not a valid CNPJ.");
    }
    if (expect_.recipient_tax_id) {
      std::string wanted = normalize_tax_id(*expect_.recipient_tax_id);
      if (normalized != wanted) {
        fail(field, wanted + " (the buyer's CPF/CNPJ on the order)",
             found.empty() ? "missing" : quoted(found),
             "The NF-e is addressed to another recipient than the buyer of this order.");
      }
    }
  }

  void check_total(const pugi::xml_node& icms_total) {
    std::string field = inf_path_ + "/total/ICMSTot/vNF";
    pugi::xml_node node = child_element(icms_total, "vNF");
    std::string text = text_of(node);
    report_.facts.total = text;
    if (!node) {
      fail(field, "the invoice total", "missing", "The NF-e has no total (vNF).");
      return;
    }
    std::optional<amount> total = amount::parse(text);
    if (!total) {
      fail(field, "a decimal amount such as 123.45", quoted(text), "The NF-e total is not a number.");
      return;
    }
    if (expect_.total && (*total - *expect_.total).abs() > expect_.total_tolerance) {
      fail(field,
           expect_.total->to_string() + " (the order total, within " + expect_.total_tolerance.to_string() +
               ")",
           text, "The NF-e total does not match the order total.");
    }
  }

  void collect_order_references(const pugi::xml_node& inf) {
    auto add = [&](const pugi::xml_node& node) {
      std::string text = text_of(node);
      if (!text.empty()) report_.facts.order_references.push_back(std::move(text));
    };
    add(child_element(child_element(inf, "compra"), "xPed"));
    for (pugi::xml_node c = inf.first_child(); c; c = c.next_sibling())
      if (local_name(c) == "det") add(child_element(child_element(c, "prod"), "xPed"));
    add(child_element(child_element(inf, "infAdic"), "infCpl"));
  }

  const nfe_expectations& expect_;
  nfe_report& report_;
  std::string root_path_;
  std::string inf_path_;
  std::string key_cnpj_;
  bool namespace_reported_ = false;
};

}  // namespace

nfe_report validate_nfe(std::string_view xml, const nfe_expectations& expect) {
  nfe_report report;
  if (xml.size() > max_nfe_bytes) {
    report.failures.push_back(
        {"file", "at most " + std::to_string(max_nfe_bytes) + " bytes (1 MB)",
         std::to_string(xml.size()) + " bytes",
         "The file is larger than the 1 MB TikTok Shop accepts; an NF-e XML is far smaller."});
    return report;
  }
  for (std::string_view declaration : {std::string_view("<!DOCTYPE"), std::string_view("<!ENTITY")}) {
    if (std::size_t offset = find_case_insensitive(xml, declaration); offset != std::string_view::npos) {
      report.failures.push_back(
          {"document (" + at(position_of(xml, offset)) + ")", "no DOCTYPE or entity declarations",
           quoted(line_from(xml, offset)),
           "The file declares a DOCTYPE; NF-e files never do, and documents with DTDs or "
           "entities are refused without being read."});
      return report;
    }
  }
  pugi::xml_document doc;
  // parse_doctype keeps any DOCTYPE as a node so one in another encoding is still caught below; pugixml
  // never reads a DTD, never expands a declared entity and never fetches anything.
  pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
  if (!parsed) {
    report.failures.push_back(
        {"document (" + at(position_of(xml, static_cast<std::size_t>(parsed.offset))) + ")",
         "well-formed XML", parsed.description(),
         "The file is not well-formed XML (it may be truncated or not an XML file)."});
    return report;
  }
  for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      report.failures.push_back(
          {"document", "no DOCTYPE or entity declarations", "a DOCTYPE declaration",
           "The file declares a DOCTYPE; NF-e files never do, and documents with DTDs or "
           "entities are refused."});
      return report;
    }
  }
  checker(expect, report).run(doc);
  return report;
}

std::string describe(const nfe_failure& failure) {
  return failure.field + ": expected " + failure.expected + ", found " + failure.found + ". " +
         failure.message;
}

}  // namespace kingkung::br
