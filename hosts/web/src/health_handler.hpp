// GET /healthz: whether this host can serve, for monitors and load balancers.
#pragma once

#include <string>

#include "kingkung/app/runtime.hpp"
#include "kingkung/http/message.hpp"

namespace kingkung::web {

// {"status":"ok"|"degraded","version":...,"database":{"status","backend","url"},
//  "plugins":[{"id","status","version","reason"}],"shops":[{"key","transport","modules"}]}
std::string health_json(const app::health_report& report);

// 200 with the JSON when the report is ok, 503 when degraded (database ping failed, or a configured
// plugin refused or missing). Never cached.
http::handler make_health_handler(app::runtime& runtime);

}  // namespace kingkung::web
