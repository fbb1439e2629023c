#include <algorithm>

#include "api/fulfillment/bulk_jobs.hpp"
#include "api/fulfillment/handlers.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/storage/order_repository.hpp"

namespace kingkung::web::fulfillment {

namespace json = boost::json;

namespace {

constexpr std::size_t max_job_orders = 500;

json::object job_json(const job_snapshot& s) {
  json::array errors;
  for (const auto& e : s.errors)
    errors.push_back(json::object{{"shop_id", e.shop_id}, {"order_id", e.order_id}, {"message", e.message}});
  json::object job{{"id", s.id},     {"kind", s.kind},     {"state", s.state},           {"total", s.total},
                   {"done", s.done}, {"failed", s.failed}, {"errors", std::move(errors)}};
  if (!s.message.empty()) job["message"] = s.message;
  if (s.has_file) job["download_url"] = "/api/v1/jobs/" + s.id + "/file";
  return {{"job", std::move(job)}};
}

}  // namespace

http::response create_job(const std::shared_ptr<web_context>& ctx, job_runner& jobs, const http::request& req,
                          const caller& who) {
  if (!ctx->services)
    return unavailable("bulk jobs need the platform services, which this server does not run");
  auto body = read_json_object(req);
  if (auto* r = std::get_if<http::response>(&body)) return std::move(*r);
  const auto& o = std::get<json::object>(body);
  std::optional<http::response> error;
  auto kind = string_field(o, "kind", error);
  if (error) return std::move(*error);
  if (!kind || std::find(std::begin(job_kinds), std::end(job_kinds), *kind) == std::end(job_kinds))
    return bad_request(
        "invalid_field",
        "kind must be one of ship, labels, packing_slips" + (kind ? ", found \"" + *kind + "\"" : ""),
        "kind");
  const auto* list = o.if_contains("orders");
  if (!list || !list->is_array() || list->as_array().empty())
    return bad_request("invalid_field", "orders must be a non-empty list of {\"shop_id\",\"order_id\"}",
                       "orders");
  if (list->as_array().size() > max_job_orders)
    return bad_request("invalid_field", "a job takes at most " + std::to_string(max_job_orders) + " orders",
                       "orders");
  std::vector<job_order> orders;
  storage::order_repository stored(ctx->runtime->database());
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const auto& item = list->as_array()[i];
    const std::string where = "orders[" + std::to_string(i) + "]";
    const auto* entry = item.if_object();
    const auto* shop = entry ? entry->if_contains("shop_id") : nullptr;
    const auto* order = entry ? entry->if_contains("order_id") : nullptr;
    if (!shop || !order || !shop->is_string() || !order->is_string())
      return bad_request("invalid_field", where + " must be {\"shop_id\": string, \"order_id\": string}",
                         where);
    job_order jo{std::string(shop->as_string()), std::string(order->as_string())};
    bool duplicate = std::any_of(orders.begin(), orders.end(), [&](const job_order& x) {
      return x.shop_id == jo.shop_id && x.order_id == jo.order_id;
    });
    if (duplicate) continue;
    // Every order must be the seller's before anything runs: others' ids are not found, never processed.
    auto owned = owned_shop(*ctx, who, jo.shop_id);
    auto found = owned ? stored.get(jo.shop_id, jo.order_id)
                       : storage::result<std::optional<domain::order>>(std::nullopt);
    if (!found) return error_answer(found.err());
    if (!*found)
      return http::response::json_error(404, "not_found", "order " + jo.order_id + " was not found", where);
    orders.push_back(std::move(jo));
  }
  auto submitted = jobs.submit(make_job(ctx, who, *kind, std::move(orders)));
  if (!submitted) return unavailable("the server is stopping; try again in a moment");
  return json_answer(job_json(*submitted), 202);
}

http::response get_job(job_runner& jobs, const http::request& req, const caller& who) {
  auto id = req.path_param("id").value_or("");
  auto job = jobs.get(id, who.seller_id);
  if (!job) return not_found("job " + std::string(id));
  return json_answer(job_json(*job));
}

http::response job_file(job_runner& jobs, const http::request& req, const caller& who) {
  auto id = req.path_param("id").value_or("");
  auto job = jobs.get(id, who.seller_id);
  if (!job) return not_found("job " + std::string(id));
  auto file = jobs.file_of(id, who.seller_id);
  if (!file) {
    if (job->state == "running")
      return http::response::json_error(409, "not_ready",
                                        "the job is still running: " + std::to_string(job->done) + " of " +
                                            std::to_string(job->total) + " orders done");
    return http::response::json_error(409, "no_file",
                                      job->message.empty() ? "this job has no file" : job->message);
  }
  http::response r;
  r.status = 200;
  r.content_type = file->content_type;
  r.body = *file->bytes;
  r.headers.set("Cache-Control", "no-store");
  r.headers.set("Content-Disposition", "attachment; filename=\"" +
                                           std::string(job->kind == "labels" ? "labels" : "packing-slips") +
                                           "-" + std::string(id.substr(0, 8)) + ".pdf\"");
  return r;
}

}  // namespace kingkung::web::fulfillment
