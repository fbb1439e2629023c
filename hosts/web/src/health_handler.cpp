#include "health_handler.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace kingkung::web {

std::string health_json(const app::health_report& report) {
  namespace json = boost::json;
  json::object database{
      {"status", report.database.status}, {"backend", report.database.backend}, {"url", report.database.url}};
  json::array plugins;
  for (const auto& p : report.plugins)
    plugins.push_back(
        json::object{{"id", p.id}, {"status", p.status}, {"version", p.version}, {"reason", p.reason}});
  json::array shops;
  for (const auto& s : report.shops) {
    json::array modules;
    for (const auto& m : s.modules) modules.push_back(json::string(m));
    shops.push_back(
        json::object{{"key", s.key}, {"transport", s.transport}, {"modules", std::move(modules)}});
  }
  json::object root{{"status", report.ok() ? "ok" : "degraded"},
                    {"version", report.version},
                    {"database", std::move(database)},
                    {"plugins", std::move(plugins)},
                    {"shops", std::move(shops)}};
  return json::serialize(root);
}

http::handler make_health_handler(app::runtime& runtime) {
  return [&runtime](const http::request&) {
    auto report = runtime.health();
    auto res = http::response::json(report.ok() ? 200 : 503, health_json(report));
    res.headers.set("Cache-Control", "no-store");
    return res;
  };
}

}  // namespace kingkung::web
