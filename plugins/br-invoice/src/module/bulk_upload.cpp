// invoice.upload_many: many NF-e files at once. The host runs it once per selected order with the same
// files; each run takes the files that belong to its order, matched by the order number written in the
// NF-e (compra/xPed, det/prod/xPed, infAdic/infCpl) or in the file name, or by an access key already
// uploaded for one of the order's packages, and reports every file.
#include <algorithm>
#include <map>
#include <set>

#include "file_input.hpp"
#include "invoice_module.hpp"
#include "outcome_json.hpp"
#include "platform_json.hpp"

namespace kingkung::br::detail {
namespace {

constexpr std::string_view upload_path = "/fulfillment/202502/invoice/upload";

bool mentions(const nfe_facts& facts, const std::string& name, const std::string& order_id) {
  if (name.find(order_id) != std::string::npos) return true;
  return std::any_of(facts.order_references.begin(), facts.order_references.end(),
                     [&](const std::string& ref) { return ref.find(order_id) != std::string::npos; });
}

}  // namespace

plugin::result<plugin::action_outcome> invoice_module::upload_many(const plugin::order_view& order,
                                                                   const plugin::action_input& input,
                                                                   plugin::shop_api& api) {
  std::string files_text;
  for (const auto& [key, value] : input.fields)
    if (key == "files") files_text = value;
  std::optional<std::vector<named_file>> files = read_named_files(files_text);
  if (!files || files->empty())
    return plugin::make_error(
        plugin::errc::invalid_argument,
        "field files: expected a JSON list of {\"name\": ..., \"file\": <NF-e XML or base64>}, "
        "found " +
            std::string(files ? "an empty list" : "something else"));

  std::vector<file_result> results(files->size());
  std::vector<upload_item> uploads;
  std::map<std::string, std::size_t> file_of_package;
  std::set<std::string> taken;
  const nfe_expectations expect = expectations_for(order);

  for (std::size_t i = 0; i < files->size(); ++i) {
    const named_file& file = (*files)[i];
    file_result& out = results[i];
    out.name = file.name.empty() ? "file " + std::to_string(i + 1) : file.name;
    auto xml = decode_file_field("files[" + std::to_string(i) + "].file", file.content);
    nfe_report report;
    if (xml) report = validate_nfe(*xml, expect);
    out.access_key = report.facts.access_key;

    std::string package_id;
    if (!report.facts.access_key.empty()) {
      auto owner = store_.package_for_key(api, report.facts.access_key);
      if (!owner) return std::move(owner).err();
      if (*owner &&
          std::find(order.package_ids.begin(), order.package_ids.end(), **owner) != order.package_ids.end())
        package_id = **owner;
    }
    if (package_id.empty() && !mentions(report.facts, file.name, order.order_id)) {
      out.result = "other_order";
      out.message = "Not for order " + order.order_id + ".";
      continue;
    }
    if (!xml) {
      out.result = "invalid";
      out.message = xml.err().message;
      continue;
    }
    if (!package_id.empty()) {
      auto record = store_.get(api, package_id);
      if (!record) return std::move(record).err();
      if (*record && (*record)->state != invoice_state::invalid) {
        out.result = "already_uploaded";
        out.package_id = package_id;
        out.message = "Already uploaded for package " + package_id + " (" +
                      std::string(to_string((*record)->state)) + "); not uploaded again.";
        continue;
      }
    } else {
      for (const auto& candidate : order.package_ids) {
        if (taken.count(candidate)) continue;
        auto record = store_.get(api, candidate);
        if (!record) return std::move(record).err();
        if (!*record || (*record)->state == invoice_state::invalid) {
          package_id = candidate;
          break;
        }
      }
    }
    if (package_id.empty() || taken.count(package_id)) {
      out.result = "no_package";
      out.message = "Every package of order " + order.order_id + " already has an NF-e uploaded or accepted.";
      continue;
    }
    out.package_id = package_id;
    if (!report.ok()) {
      out.result = "invalid";
      out.failures = report.failures;
      out.message = failures_text(package_id, report.failures);
      continue;
    }
    taken.insert(package_id);
    file_of_package[package_id] = i;
    uploads.push_back({package_id, {order.order_id}, std::move(*xml)});
  }

  if (!uploads.empty()) {
    auto data = api.call("POST", upload_path, {}, upload_body(uploads));
    std::map<std::string, std::string> refused;
    if (data) {
      for (const auto& e : upload_errors(*data)) refused[e.package_id] = explain_upload_error(e);
    }
    for (const auto& item : uploads) {
      file_result& out = results[file_of_package[item.package_id]];
      if (!data) {
        out.result = "refused";
        out.message = "Not uploaded: " + data.err().message;
      } else if (auto it = refused.find(item.package_id); it != refused.end()) {
        out.result = "refused";
        out.message = "TikTok Shop refused the NF-e for package " + item.package_id + ": " + it->second;
      } else {
        invoice_record record;
        record.access_key = out.access_key;
        record.order_ids = item.order_ids;
        if (auto saved = store_.put(api, item.package_id, record); !saved)
          ctx_.log().log(plugin::log_level::error, "invoice status of package " + item.package_id +
                                                       " not saved: " + saved.err().message);
        out.result = "uploaded";
        out.message = "Uploaded for package " + item.package_id + "; TikTok Shop is checking it.";
      }
    }
  }

  std::map<std::string, int> counts;
  for (const auto& r : results) ++counts[r.result];
  std::string summary = "NF-e files for order " + order.order_id + ":";
  bool first = true;
  for (const auto& [result, count] : counts) {
    summary += (first ? " " : ", ") + std::to_string(count) + " " + result;
    first = false;
  }
  summary += ".";
  return plugin::action_outcome{summary, files_result_json(results)};
}

}  // namespace kingkung::br::detail
