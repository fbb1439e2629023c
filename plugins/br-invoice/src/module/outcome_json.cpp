#include "outcome_json.hpp"

#include <boost/json.hpp>

namespace kingkung::br::detail {
namespace {

namespace json = boost::json;

json::array failures_json(const std::vector<nfe_failure>& failures) {
  json::array out;
  for (const auto& f : failures)
    out.push_back(json::object{
        {"field", f.field}, {"expected", f.expected}, {"found", f.found}, {"message", f.message}});
  return out;
}

}  // namespace

std::string failures_text(const std::string& package_id, const std::vector<nfe_failure>& failures) {
  std::string text = "NF-e not uploaded for package " + package_id + ": " + std::to_string(failures.size()) +
                     (failures.size() == 1 ? " problem" : " problems") + " found:";
  for (const auto& f : failures) text += "\n- " + describe(f);
  return text;
}

std::string upload_result_json(const std::string& package_id, const invoice_record& record) {
  return json::serialize(json::object{
      {"package_id", package_id}, {"status", to_string(record.state)}, {"access_key", record.access_key}});
}

std::string status_result_json(const std::string& need_upload_invoice,
                               const std::vector<package_status>& packages) {
  json::array items;
  for (const auto& p : packages)
    items.push_back(json::object{{"package_id", p.package_id},
                                 {"status", p.status},
                                 {"invalid_reason", p.reason},
                                 {"explanation", p.explanation}});
  return json::serialize(
      json::object{{"need_upload_invoice", need_upload_invoice}, {"packages", std::move(items)}});
}

std::string label_result_json(const std::string& package_id, const std::string& doc_url) {
  return json::serialize(
      json::object{{"package_id", package_id}, {"document_type", "INVOICE_LABEL"}, {"doc_url", doc_url}});
}

std::string files_result_json(const std::vector<file_result>& files) {
  json::array items;
  for (const auto& f : files)
    items.push_back(json::object{{"name", f.name},
                                 {"result", f.result},
                                 {"package_id", f.package_id},
                                 {"access_key", f.access_key},
                                 {"message", f.message},
                                 {"failures", failures_json(f.failures)}});
  return json::serialize(json::object{{"files", std::move(items)}});
}

}  // namespace kingkung::br::detail
