#include "plan_state.hpp"

#include <boost/json.hpp>

namespace kingkung::mx::detail {
namespace json = boost::json;
namespace {

json::array ids_json(const std::vector<std::string>& ids) {
  json::array out;
  for (const auto& id : ids) out.emplace_back(id);
  return out;
}

std::optional<std::vector<std::string>> ids_of(const json::value* v) {
  if (!v || !v->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& id : v->as_array()) {
    if (!id.is_string()) return std::nullopt;
    out.emplace_back(id.as_string());
  }
  return out;
}

std::optional<json::object> object_of(std::string_view text) {
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string kind_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "true/false";
    case json::kind::string:
      return "text";
    case json::kind::array:
      return "a list";
    case json::kind::object:
      return "an object";
    default:
      return "a number";
  }
}

}  // namespace

std::string to_state_json(const stored_plan& plan) {
  json::array packages;
  for (const auto& p : plan.packages) packages.push_back(ids_json(p));
  return json::serialize(json::object{{"packages", std::move(packages)},
                                      {"source", plan.source},
                                      {"lower_bound", plan.lower_bound},
                                      {"minimal", plan.minimal},
                                      {"method", plan.method}});
}

std::optional<stored_plan> plan_from_state(std::string_view text) {
  auto o = object_of(text);
  if (!o) return std::nullopt;
  stored_plan plan;
  const json::value* packages = o->if_contains("packages");
  if (!packages || !packages->is_array()) return std::nullopt;
  for (const auto& p : packages->as_array()) {
    auto ids = ids_of(&p);
    if (!ids) return std::nullopt;
    plan.packages.push_back(std::move(*ids));
  }
  if (const auto* s = o->if_contains("source"); s && s->is_string()) plan.source = s->as_string();
  if (const auto* m = o->if_contains("method"); m && m->is_string()) plan.method = m->as_string();
  if (const auto* b = o->if_contains("lower_bound"); b && b->is_number())
    plan.lower_bound = b->to_number<std::size_t>();
  if (const auto* m = o->if_contains("minimal"); m && m->is_bool()) plan.minimal = m->as_bool();
  return plan;
}

std::string to_state_json(const split_record& record) {
  json::array groups;
  for (const auto& g : record.groups)
    groups.push_back(json::object{{"group_id", g.group_id},
                                  {"line_item_ids", ids_json(g.line_item_ids)},
                                  {"package_id", g.package_id}});
  return json::serialize(
      json::object{{"state", record.done ? "done" : "pending"}, {"groups", std::move(groups)}});
}

std::optional<split_record> split_from_state(std::string_view text) {
  auto o = object_of(text);
  if (!o) return std::nullopt;
  const auto* state = o->if_contains("state");
  const auto* groups = o->if_contains("groups");
  if (!state || !state->is_string() || !groups || !groups->is_array()) return std::nullopt;
  split_record record;
  record.done = state->as_string() == "done";
  for (const auto& g : groups->as_array()) {
    const json::object* go = g.if_object();
    if (!go) return std::nullopt;
    split_group group;
    if (const auto* id = go->if_contains("group_id"); id && id->is_string()) group.group_id = id->as_string();
    if (const auto* p = go->if_contains("package_id"); p && p->is_string()) group.package_id = p->as_string();
    auto ids = ids_of(go->if_contains("line_item_ids"));
    if (!ids) return std::nullopt;
    group.line_item_ids = std::move(*ids);
    record.groups.push_back(std::move(group));
  }
  return record;
}

plugin::result<package_list> parse_seller_plan(std::string_view text) {
  auto bad = [](std::string what) {
    return plugin::make_error(plugin::errc::invalid_argument,
                              "plan: " + std::move(what) +
                                  " (expected a list of packages, each a list of line item ids, e.g. "
                                  "[[\"id1\",\"id2\"],[\"id3\"]])");
  };
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return bad("not valid JSON: " + ec.message());
  const json::value* list = &v;
  std::string where = "plan";
  if (v.is_object()) {
    list = v.as_object().if_contains("packages");
    where = "packages";
    if (!list) return bad("the object has no \"packages\"");
  }
  if (!list->is_array()) return bad(where + " is " + kind_of(*list) + ", not a list");
  package_list out;
  std::size_t index = 0;
  for (const auto& entry : list->as_array()) {
    std::string at = where + "[" + std::to_string(index++) + "]";
    const json::value* ids = &entry;
    if (entry.is_object()) {
      ids = entry.as_object().if_contains("line_item_ids");
      if (!ids) return bad(at + " has no \"line_item_ids\"");
      at += ".line_item_ids";
    }
    if (!ids->is_array()) return bad(at + " is " + kind_of(*ids) + ", not a list");
    std::vector<std::string> package;
    std::size_t item = 0;
    for (const auto& id : ids->as_array()) {
      if (!id.is_string() || id.as_string().empty())
        return bad(at + "[" + std::to_string(item) + "] is " + kind_of(id) + ", not a line item id");
      package.emplace_back(id.as_string());
      ++item;
    }
    if (!package.empty()) out.push_back(std::move(package));
  }
  if (out.empty()) return bad("no package lists any item");
  return out;
}

}  // namespace kingkung::mx::detail
