// The bulk jobs of the orders page: ship, labels (the platform's labels of every package, merged into
// one PDF) and packing slips (rendered here, one PDF), over orders the caller's seller owns.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/fulfillment/job_runner.hpp"
#include "auth/guard.hpp"
#include "web_context.hpp"

namespace kingkung::web::fulfillment {

inline constexpr std::string_view job_kinds[] = {"ship", "labels", "packing_slips"};

// The job for `kind` (one of job_kinds) over `orders`, run as `who`.
job_spec make_job(const std::shared_ptr<web_context>& ctx, const caller& who, std::string kind,
                  std::vector<job_order> orders);

}  // namespace kingkung::web::fulfillment
