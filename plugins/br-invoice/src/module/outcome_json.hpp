// What the actions hand back: plain text for the seller and result_json for the UI and the API.
#pragma once

#include <string>
#include <vector>

#include "kingkung/br/invoice_status.hpp"
#include "kingkung/br/nfe_validator.hpp"

namespace kingkung::br::detail {

// "NF-e not uploaded for package P: N problems found:" then one "- field: expected ..., found ..." line each.
std::string failures_text(const std::string& package_id, const std::vector<nfe_failure>& failures);

std::string upload_result_json(const std::string& package_id, const invoice_record& record);

struct package_status {
  std::string package_id;
  std::string status;  // NONE, PROCESSING, SUCCESS, INVALID
  std::string reason;  // invalid_reason when INVALID
  std::string explanation;
};
std::string status_result_json(const std::string& need_upload_invoice,
                               const std::vector<package_status>& packages);

std::string label_result_json(const std::string& package_id, const std::string& doc_url);

struct file_result {
  std::string name;
  std::string result;  // uploaded, invalid, refused, already_uploaded, no_package, other_order
  std::string package_id;
  std::string access_key;
  std::string message;
  std::vector<nfe_failure> failures;
};
std::string files_result_json(const std::vector<file_result>& files);

}  // namespace kingkung::br::detail
