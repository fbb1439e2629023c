// The fulfilment routes: ship, market module actions, bulk jobs with their files, packages. See
// docs/api/fulfillment.md.
#include "api/fulfillment/handlers.hpp"
#include "api/routes.hpp"
#include "kingkung/app/runtime.hpp"

namespace kingkung::web {

void add_fulfillment_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  using namespace fulfillment;
  // Two workers for every bulk job of the process: the platform's per-shop rate limits, not threads,
  // bound how fast a job goes, and the web server's own threads stay free.
  auto jobs = std::make_shared<job_runner>(2);
  if (ctx->runtime) {
    std::weak_ptr<job_runner> weak = jobs;
    ctx->runtime->on_stop("fulfillment jobs", [weak] {
      if (auto j = weak.lock()) j->stop();
    });
  }
  auto& guard = *ctx->guard;
  r.post("/api/v1/orders/{shop_id}/{order_id}/ship",
         guard.api(min_role::staff,
                   [ctx](const http::request& req, const caller& who) { return ship(*ctx, req, who); }));
  r.post("/api/v1/orders/{shop_id}/{order_id}/actions/{action_id}",
         guard.api(min_role::staff, [ctx](const http::request& req, const caller& who) {
           return run_action(*ctx, req, who);
         }));
  r.post("/api/v1/jobs", guard.api(min_role::staff, [ctx, jobs](const http::request& req, const caller& who) {
    return create_job(ctx, *jobs, req, who);
  }));
  r.get("/api/v1/jobs/{id}", guard.api(min_role::staff, [jobs](const http::request& req, const caller& who) {
    return get_job(*jobs, req, who);
  }));
  r.get("/api/v1/jobs/{id}/file",
        guard.api(min_role::staff,
                  [jobs](const http::request& req, const caller& who) { return job_file(*jobs, req, who); }));
  r.get("/api/v1/packages", guard.api(min_role::staff, [ctx](const http::request& req, const caller& who) {
    return list_packages(*ctx, req, who);
  }));
  r.post("/api/v1/packages/combine",
         guard.api(min_role::staff,
                   [ctx](const http::request& req, const caller& who) { return combine(*ctx, req, who); }));
  r.post("/api/v1/packages/{shop_id}/{package_id}/uncombine",
         guard.api(min_role::staff,
                   [ctx](const http::request& req, const caller& who) { return uncombine(*ctx, req, who); }));
}

}  // namespace kingkung::web
