#include "split_attributes.hpp"

#include <boost/json.hpp>

namespace kingkung::mx::detail {
namespace json = boost::json;
namespace {

plugin::error bad(std::string_view order_id, std::string what) {
  return plugin::make_error(plugin::errc::invalid_argument,
                            "split attributes of order " + std::string(order_id) + ": " + std::move(what));
}

// max_count comes as text ("3"); a number is accepted as well.
std::optional<std::int64_t> count_of(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() < 1'000'000'000) return static_cast<std::int64_t>(v.as_uint64());
  if (!v.is_string()) return std::nullopt;
  std::string_view s = v.as_string();
  if (s.empty() || s.size() > 9) return std::nullopt;
  std::int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string text_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool flag_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

plugin::result<split_attributes> read_one(const json::object& o, std::string_view order_id) {
  split_attributes a;
  a.order_id = std::string(order_id);
  a.can_split = flag_of(o, "can_split");
  a.reason = text_of(o, "reason");
  a.must_split = flag_of(o, "must_split");
  if (const json::value* list = o.if_contains("must_split_reasons"); list && !list->is_null()) {
    if (!list->is_array()) return bad(order_id, "must_split_reasons: expected a list");
    std::size_t index = 0;
    for (const auto& item : list->as_array()) {
      std::string where = "must_split_reasons[" + std::to_string(index++) + "]";
      if (!item.is_object()) return bad(order_id, where + ": expected an object");
      const json::object& r = item.as_object();
      split_reason reason;
      reason.type = text_of(r, "type");
      reason.category_id = text_of(r, "category_id");
      const json::value* max = r.if_contains("max_count");
      auto count = max ? count_of(*max) : std::nullopt;
      if (!count || *count < 1)
        return bad(order_id, where + ".max_count: expected a whole number of at least 1, found " +
                                 (max ? json::serialize(*max) : std::string("nothing")));
      reason.max_count = *count;
      if (reason.type == category_limit_type && reason.category_id.empty())
        return bad(order_id,
                   where + ".category_id: expected a category id for CATEGORY_ITEM_LIMITATION, found none");
      a.reasons.push_back(std::move(reason));
    }
  }
  return a;
}

}  // namespace

plugin::result<split_attributes> parse_split_attributes(std::string_view data_json,
                                                        std::string_view order_id) {
  boost::system::error_code ec;
  json::value data = json::parse(data_json, ec);
  if (ec || !data.is_object())
    return bad(order_id, "expected a JSON object in the answer's data, found " +
                             std::string(ec ? "text that is not JSON" : "another JSON value"));
  const json::value* list = data.as_object().if_contains("split_attributes");
  if (!list || !list->is_array()) return bad(order_id, "expected data.split_attributes to be a list");
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) continue;
    if (text_of(item.as_object(), "order_id") == order_id) return read_one(item.as_object(), order_id);
  }
  return plugin::make_error(plugin::errc::not_found,
                            "TikTok Shop returned no split attributes for order " + std::string(order_id));
}

std::string to_state_json(const split_attributes& a) {
  json::array reasons;
  for (const auto& r : a.reasons) {
    json::object item{{"type", r.type}, {"max_count", std::to_string(r.max_count)}};
    if (!r.category_id.empty()) item["category_id"] = r.category_id;
    reasons.push_back(std::move(item));
  }
  json::object o{{"order_id", a.order_id},
                 {"can_split", a.can_split},
                 {"must_split", a.must_split},
                 {"must_split_reasons", std::move(reasons)}};
  if (!a.reason.empty()) o["reason"] = a.reason;
  return json::serialize(json::object{{"split_attributes", json::array{std::move(o)}}});
}

std::optional<split_attributes> attributes_from_state(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* list = v.as_object().if_contains("split_attributes");
  if (!list || !list->is_array() || list->as_array().size() != 1 || !list->as_array()[0].is_object())
    return std::nullopt;
  const json::object& o = list->as_array()[0].as_object();
  auto parsed = read_one(o, text_of(o, "order_id"));
  if (!parsed) return std::nullopt;
  return std::move(parsed.value());
}

std::string describe_limits(const split_attributes& a,
                            const std::vector<std::pair<std::string, std::string>>& category_names) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : " and ") + part; };
  for (const auto& r : a.reasons) {
    if (r.type == category_limit_type) {
      std::string label = "category " + r.category_id;
      for (const auto& [id, name] : category_names)
        if (id == r.category_id && !name.empty()) label += " (" + name + ")";
      add("at most " + std::to_string(r.max_count) + (r.max_count == 1 ? " item of " : " items of ") + label +
          " per package");
    } else if (r.type == total_limit_type) {
      add("at most " + std::to_string(r.max_count) + " items per package");
    } else {
      add("the limit " + r.type + " (" + std::to_string(r.max_count) + ")");
    }
  }
  return out;
}

}  // namespace kingkung::mx::detail
