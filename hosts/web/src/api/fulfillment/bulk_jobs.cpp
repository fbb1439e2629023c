#include "api/fulfillment/bulk_jobs.hpp"

#include <mutex>
#include <set>

#include <boost/json/parse.hpp>

#include "api/fulfillment/order_scope.hpp"
#include "api/fulfillment/ship_order.hpp"
#include "api/fulfillment/shipping_documents.hpp"
#include "kingkung/documents/pdf_merge.hpp"
#include "kingkung/documents/pdf_writer.hpp"

namespace kingkung::web::fulfillment {

namespace {

// The message of an error answer, for a job's per-order errors.
std::string message_of(const http::response& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (!ec && v.is_object())
    if (const auto* e = v.as_object().if_contains("error"); e && e->is_object())
      if (const auto* m = e->as_object().if_contains("message"); m && m->is_string())
        return std::string(m->as_string());
  return "HTTP " + std::to_string(r.status);
}

// What each order of a documents job produced, kept in the job's order.
template <class T>
struct collected {
  std::mutex mu;
  std::vector<std::vector<std::pair<std::string, T>>> per_order;  // (package id, document)
};

}  // namespace

job_spec make_job(const std::shared_ptr<web_context>& ctx, const caller& who, std::string kind,
                  std::vector<job_order> orders) {
  job_spec spec;
  spec.seller_id = who.seller_id;
  spec.kind = kind;
  spec.orders = orders;
  auto load = [ctx, who, orders](std::size_t i) {
    return load_order(*ctx, who, orders[i].shop_id, orders[i].order_id);
  };

  if (kind == "ship") {
    spec.run_one = [ctx, load](std::size_t i) -> std::optional<std::string> {
      auto loaded = load(i);
      if (auto* r = std::get_if<http::response>(&loaded)) return message_of(*r);
      auto& scope = std::get<order_scope>(loaded);
      auto outcome = ship_order(*ctx, scope, {});
      if (outcome.error) return outcome.error->message;
      return std::nullopt;
    };
    return spec;
  }

  if (kind == "labels") {
    auto docs = std::make_shared<collected<std::string>>();
    docs->per_order.resize(orders.size());
    spec.run_one = [ctx, load, docs](std::size_t i) -> std::optional<std::string> {
      auto loaded = load(i);
      if (auto* r = std::get_if<http::response>(&loaded)) return message_of(*r);
      auto& scope = std::get<order_scope>(loaded);
      if (scope.view.package_ids.empty()) return "order " + scope.order.id + " has no package yet";
      std::vector<std::pair<std::string, std::string>> labels;
      std::string failures;
      for (const auto& id : scope.view.package_ids) {
        auto label = fetch_label(*ctx, scope.shop, scope.link, id);
        if (!label) {
          failures += (failures.empty() ? "" : "; ") + label.err().message;
          continue;
        }
        labels.emplace_back(id, std::move(*label));
      }
      std::lock_guard lock(docs->mu);
      docs->per_order[i] = std::move(labels);
      if (!failures.empty()) return failures;
      return std::nullopt;
    };
    spec.finish = [docs]() -> plugin::result<std::string> {
      std::vector<documents::pdf_input> inputs;
      std::set<std::string> seen;
      std::lock_guard lock(docs->mu);
      for (auto& order : docs->per_order)
        for (auto& [package, bytes] : order)
          if (seen.insert(package).second)
            inputs.push_back({"the label of package " + package, std::move(bytes)});
      if (inputs.empty())
        return plugin::make_error(plugin::errc::failed_precondition,
                                  "no label could be fetched; each order's error says why");
      return documents::merge_pdfs(inputs);
    };
    return spec;
  }

  // packing_slips
  auto slips = std::make_shared<collected<std::vector<documents::page>>>();
  slips->per_order.resize(orders.size());
  spec.run_one = [ctx, load, slips](std::size_t i) -> std::optional<std::string> {
    auto loaded = load(i);
    if (auto* r = std::get_if<http::response>(&loaded)) return message_of(*r);
    auto& scope = std::get<order_scope>(loaded);
    std::vector<std::pair<std::string, std::vector<documents::page>>> pages;
    if (scope.view.package_ids.empty()) {
      pages.emplace_back("order:" + scope.order.id, packing_slip_pages(*ctx, scope, ""));
    } else {
      for (const auto& id : scope.view.package_ids)
        pages.emplace_back(id, packing_slip_pages(*ctx, scope, id));
    }
    std::lock_guard lock(slips->mu);
    slips->per_order[i] = std::move(pages);
    return std::nullopt;
  };
  spec.finish = [slips]() -> plugin::result<std::string> {
    std::vector<documents::page> all;
    std::set<std::string> seen;
    std::lock_guard lock(slips->mu);
    for (auto& order : slips->per_order)
      for (auto& [package, pages] : order)
        if (seen.insert(package).second)
          for (auto& p : pages) all.push_back(std::move(p));
    if (all.empty())
      return plugin::make_error(plugin::errc::failed_precondition,
                                "no packing slip could be made; each order's error says why");
    return documents::write_pdf(all);
  };
  return spec;
}

}  // namespace kingkung::web::fulfillment
