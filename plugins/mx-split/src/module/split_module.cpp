#include "kingkung/mx/split_module.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "kingkung/mx/amount.hpp"
#include "kingkung/mx/split_planner.hpp"
#include "module_settings.hpp"
#include "plan_state.hpp"
#include "platform_messages.hpp"
#include "product_category.hpp"
#include "split_attributes.hpp"

namespace kingkung::mx {
namespace {

namespace json = boost::json;
using plugin::errc;
using plugin::make_error;
using namespace detail;

constexpr std::string_view split_attributes_path = "/fulfillment/202309/orders/split_attributes";
constexpr std::string_view order_detail_path = "/order/202309/orders";
constexpr std::string_view awaiting_shipment = "AWAITING_SHIPMENT";

std::string split_path(std::string_view order_id) {
  return "/fulfillment/202309/orders/" + std::string(order_id) + "/split";
}
std::string product_path(std::string_view product_id) {
  return "/product/202309/products/" + std::string(product_id);
}
std::string attributes_key(std::string_view order_id) {
  return "attributes/" + std::string(order_id);
}
std::string plan_key(std::string_view order_id) {
  return "plan/" + std::string(order_id);
}
std::string split_key(std::string_view order_id) {
  return "split/" + std::string(order_id);
}

plugin::error with_context(std::string context, const plugin::error& e) {
  return make_error(e.code, std::move(context) + ": " + e.message);
}

json::array ids_json(const std::vector<std::string>& ids) {
  json::array out;
  for (const auto& id : ids) out.emplace_back(id);
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// What the module knows about one order. `loaded` means the stored plan and split were read.
struct order_memo {
  bool loaded = false;
  std::optional<split_attributes> attributes;
  std::optional<stored_plan> plan;
  std::optional<split_record> split;
};

// A request for the planner plus the names of the limited categories, for messages.
struct planning_input {
  split_request request;
  std::vector<std::pair<std::string, std::string>> category_names;
};

class split_module final : public plugin::market_module {
 public:
  split_module(const plugin::host_context& ctx, std::string shop_id, module_settings settings)
      : ctx_(ctx), shop_id_(std::move(shop_id)), settings_(settings) {}

  std::uint32_t capabilities() const noexcept override {
    return plugin::capability_split_planning | plugin::capability_ship_gating;
  }

  std::vector<plugin::action_spec> actions() const override {
    return {
        {std::string(action_preview),
         "Plan split",
         "Group the order's items into as few packages as TikTok Shop's limits for it allow, and show the "
         "plan.",
         {},
         false},
        {std::string(action_adjust),
         "Move items",
         "Change which package each item goes in; every limit is checked before the plan is kept.",
         {{"plan", "Packages: a list of packages, each a list of line item ids", "json", true}},
         false},
        {std::string(action_confirm),
         "Split order",
         "Send the plan to TikTok Shop (once); the new packages can then ship.",
         {},
         false},
        {std::string(action_split_all),
         "Split all that must split",
         "Plan and split every selected order that TikTok Shop says must be split.",
         {},
         true},
    };
  }

  plugin::result<plugin::action_state> action_state_for(std::string_view action,
                                                        const plugin::order_view& order) noexcept override {
    try {
      std::lock_guard lock(mu_);
      return state_for(action, order);
    } catch (const std::exception& e) {
      return make_error(errc::internal, std::string("mx-split: ") + e.what());
    }
  }

  plugin::result<plugin::ship_gate> check_ship(const plugin::order_view& order,
                                               plugin::shop_api& api) noexcept override {
    try {
      std::lock_guard lock(mu_);
      return gate(order, api);
    } catch (const std::exception& e) {
      return make_error(errc::internal, std::string("mx-split: ") + e.what());
    }
  }

  plugin::result<plugin::action_outcome> run_action(std::string_view action, const plugin::order_view& order,
                                                    const plugin::action_input& input,
                                                    plugin::shop_api& api) noexcept override {
    try {
      std::lock_guard lock(mu_);
      if (action == action_preview) return preview(order, api);
      if (action == action_adjust) return adjust(order, input, api);
      if (action == action_confirm) return confirm(order, api);
      if (action == action_split_all) return split_all(order, api);
      return make_error(errc::not_found, "mx-split has no action \"" + std::string(action) + "\"");
    } catch (const std::exception& e) {
      return make_error(errc::internal, std::string("mx-split: ") + e.what());
    }
  }

  plugin::result<void> on_order_changed(const plugin::order_view& order,
                                        plugin::shop_api& api) noexcept override {
    try {
      std::lock_guard lock(mu_);
      return order_changed(order, api);
    } catch (const std::exception& e) {
      return make_error(errc::internal, std::string("mx-split: ") + e.what());
    }
  }

  plugin::result<void> on_event(int, std::string_view, plugin::shop_api&) noexcept override {
    return {};  // order changes arrive through on_order_changed once the host stored them
  }

 private:
  // ---- what the module knows -------------------------------------------------------------------

  plugin::result<order_memo*> memo(const plugin::order_view& order, plugin::shop_api& api) {
    order_memo& m = memo_[order.order_id];
    if (m.loaded) return &m;
    auto attributes = api.load_state(attributes_key(order.order_id));
    auto plan = api.load_state(plan_key(order.order_id));
    auto split = api.load_state(split_key(order.order_id));
    for (const auto* r : {&attributes, &plan, &split})
      if (!*r) return with_context("reading the split state of order " + order.order_id, r->err());
    if (!m.attributes && attributes->has_value()) m.attributes = attributes_from_state(**attributes);
    if (!m.plan && plan->has_value()) m.plan = plan_from_state(**plan);
    if (!m.split && split->has_value()) m.split = split_from_state(**split);
    m.loaded = true;
    return &m;
  }

  plugin::result<void> save(plugin::shop_api& api, const std::string& key, const std::string& value,
                            const plugin::order_view& order) {
    auto saved = api.save_state(key, value);
    if (!saved) return with_context("saving the split state of order " + order.order_id, saved.err());
    return {};
  }

  // The order's split attributes: from memory or state, or from the platform when `fresh` or unknown.
  plugin::result<split_attributes> attributes(const plugin::order_view& order, plugin::shop_api& api,
                                              bool fresh) {
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    if (!fresh && m.value()->attributes) return *m.value()->attributes;
    auto data = api.call("GET", split_attributes_path, {{"order_ids", order.order_id}}, "");
    if (!data) return with_context("reading the split attributes of order " + order.order_id, data.err());
    auto parsed = parse_split_attributes(*data, order.order_id);
    if (!parsed) return std::move(parsed).err();
    if (auto saved = save(api, attributes_key(order.order_id), to_state_json(*parsed), order); !saved)
      return std::move(saved).err();
    m.value()->attributes = *parsed;
    return parsed;
  }

  plugin::result<product_category> category_of(const std::string& product_id, plugin::shop_api& api) {
    if (auto found = categories_.find(product_id); found != categories_.end()) return found->second;
    auto data = api.call("GET", product_path(product_id), {}, "");
    if (!data) return with_context("reading the category of product " + product_id, data.err());
    auto parsed = parse_product_category(*data, product_id);
    if (!parsed) return std::move(parsed).err();
    categories_.emplace(product_id, *parsed);
    return parsed;
  }

  plugin::result<planning_input> planning_input_for(const plugin::order_view& order,
                                                    const split_attributes& attrs, plugin::shop_api& api) {
    planning_input in;
    split_request& req = in.request;
    req.seller = seller_kind_from(order.seller_type.empty() ? api.seller_type() : order.seller_type);
    req.limits.max_value = settings_.max_declared_value_per_package;
    bool category_limits = false;
    for (const auto& r : attrs.reasons) {
      if (r.type == category_limit_type) {
        category_limits = true;
        req.limits.categories.push_back({r.category_id, r.max_count, {}});
      } else if (r.type == total_limit_type) {
        req.limits.max_items = std::min(req.limits.max_items.value_or(r.max_count), r.max_count);
      } else {
        return make_error(errc::failed_precondition,
                          "TikTok Shop reports a split limit this module does not know (" + r.type +
                              ") for order " + order.order_id + "; split it in TikTok Shop Seller Center");
      }
    }
    for (const auto& line : order.lines) {
      split_item item{line.id, line.sku_id, {}, 0};
      if (req.limits.max_value) {
        auto value = parse_amount(line.sale_price);
        if (!value)
          return make_error(errc::invalid_argument, "line item " + line.id + " of order " + order.order_id +
                                                        ": sale_price: expected a decimal amount, found \"" +
                                                        line.sale_price + "\"");
        item.value = *value;
      }
      if (category_limits) {
        auto category = category_of(line.product_id, api);
        if (!category) return std::move(category).err();
        item.category_ids = category->ids;
        for (const auto& named : category->names)
          if (std::none_of(in.category_names.begin(), in.category_names.end(),
                           [&](const auto& n) { return n.first == named.first; }))
            in.category_names.push_back(named);
      }
      req.items.push_back(std::move(item));
    }
    for (auto& limit : req.limits.categories)
      for (const auto& [id, name] : in.category_names)
        if (id == limit.category_id) limit.category_name = name;
    return in;
  }

  std::vector<std::pair<std::string, std::string>> known_category_names() const {
    std::vector<std::pair<std::string, std::string>> names;
    for (const auto& [product, category] : categories_)
      names.insert(names.end(), category.names.begin(), category.names.end());
    return names;
  }

  // ---- action states and the ship gate -------------------------------------------------------------

  plugin::result<plugin::action_state> state_for(std::string_view action, const plugin::order_view& order) {
    if (action != action_preview && action != action_adjust && action != action_confirm &&
        action != action_split_all)
      return make_error(errc::not_found, "mx-split has no action \"" + std::string(action) + "\"");
    plugin::action_state s;
    if (order.status != awaiting_shipment || order.lines.size() < 2) return s;
    auto found = memo_.find(order.order_id);
    const order_memo* m = found == memo_.end() ? nullptr : &found->second;
    if (m && m->split && m->split->done) return s;
    if (m && m->attributes && !m->attributes->must_split) return s;
    s.applies = true;
    s.enabled = true;
    if (m && m->attributes && !m->attributes->can_split) {
      s.enabled = false;
      s.reason = "TikTok Shop does not allow splitting this order now: " + m->attributes->reason;
    } else if (action == action_confirm && m && m->loaded && !m->plan) {
      s.enabled = false;
      s.reason = "Plan the split first (Plan split).";
    }
    return s;
  }

  plugin::result<plugin::ship_gate> gate(const plugin::order_view& order, plugin::shop_api& api) {
    plugin::ship_gate g;
    if (order.lines.size() < 2) return g;  // one item never breaks a per-package limit
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    if (m.value()->split && m.value()->split->done) return g;
    auto attrs = attributes(order, api, false);
    if (!attrs) return std::move(attrs).err();
    if (!attrs->must_split) return g;
    g.allowed = false;
    g.reason = "Order " + order.order_id + " must be split before it ships: TikTok Shop allows " +
               describe_limits(*attrs, known_category_names()) + ". ";
    if (m.value()->split)
      g.reason += "A split request was sent but not confirmed; run Split order to check it.";
    else if (!attrs->can_split)
      g.reason += "TikTok Shop does not allow splitting it now: " + attrs->reason + ".";
    else
      g.reason += "Use Plan split, then Split order.";
    return g;
  }

  // ---- actions ---------------------------------------------------------------------------------------

  std::string plan_result_json(const plugin::order_view& order, const split_attributes& attrs,
                               const planning_input& in, const stored_plan& plan) const {
    json::array limits;
    for (const auto& r : attrs.reasons) {
      json::object l{{"type", r.type}, {"max_count", r.max_count}};
      if (!r.category_id.empty()) {
        l["category_id"] = r.category_id;
        for (const auto& [id, name] : in.category_names)
          if (id == r.category_id) l["category_name"] = name;
      }
      limits.push_back(std::move(l));
    }
    json::array packages;
    for (std::size_t p = 0; p < plan.packages.size(); ++p) {
      json::array items;
      for (const auto& id : plan.packages[p])
        for (const auto& line : order.lines)
          if (line.id == id)
            items.push_back(json::object{{"id", line.id},
                                         {"sku_id", line.sku_id},
                                         {"product_name", line.product_name},
                                         {"sku_name", line.sku_name}});
      packages.push_back(json::object{
          {"number", p + 1}, {"line_item_ids", ids_json(plan.packages[p])}, {"items", std::move(items)}});
    }
    return json::serialize(json::object{{"order_id", order.order_id},
                                        {"must_split", true},
                                        {"limits", std::move(limits)},
                                        {"packages", std::move(packages)},
                                        {"lower_bound", plan.lower_bound},
                                        {"minimal", plan.minimal},
                                        {"method", plan.method},
                                        {"source", plan.source}});
  }

  plugin::result<void> require_open(const plugin::order_view& order, order_memo& m) {
    if (m.split && m.split->done)
      return make_error(errc::failed_precondition, "Order " + order.order_id + " is already split.");
    if (order.status != awaiting_shipment)
      return make_error(errc::failed_precondition, "Order " + order.order_id + " is " + order.status +
                                                       "; only orders awaiting shipment can be split.");
    return {};
  }

  plugin::result<std::pair<stored_plan, planning_input>> fresh_plan(const plugin::order_view& order,
                                                                    const split_attributes& attrs,
                                                                    plugin::shop_api& api) {
    auto in = planning_input_for(order, attrs, api);
    if (!in) return std::move(in).err();
    auto planned = plan_split(in->request);
    if (!planned)
      return with_context("Order " + order.order_id + " cannot be split within its limits", planned.err());
    stored_plan plan{planned->packages, "planner", planned->lower_bound, planned->minimal,
                     std::string(to_string(planned->method))};
    if (auto saved = save(api, plan_key(order.order_id), to_state_json(plan), order); !saved)
      return std::move(saved).err();
    memo_[order.order_id].plan = plan;
    return std::pair{std::move(plan), std::move(in.value())};
  }

  plugin::result<plugin::action_outcome> not_needed(const plugin::order_view& order) {
    return plugin::action_outcome{
        "Order " + order.order_id + " does not need to be split: its items fit TikTok Shop's package limits.",
        json::serialize(
            json::object{{"order_id", order.order_id}, {"must_split", false}, {"status", "not_needed"}})};
  }

  plugin::result<plugin::action_outcome> preview(const plugin::order_view& order, plugin::shop_api& api) {
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    if (auto open = require_open(order, *m.value()); !open) return std::move(open).err();
    auto attrs = attributes(order, api, true);
    if (!attrs) return std::move(attrs).err();
    if (!attrs->can_split)
      return make_error(errc::failed_precondition, "TikTok Shop does not allow splitting order " +
                                                       order.order_id + ": " + attrs->reason);
    if (!attrs->must_split) return not_needed(order);
    auto planned = fresh_plan(order, *attrs, api);
    if (!planned) return std::move(planned).err();
    const auto& [plan, in] = planned.value();
    std::string message =
        "Planned " + plural(plan.packages.size(), "package", "packages") + " for order " + order.order_id +
        (plan.minimal
             ? " (the fewest possible)."
             : " (at least " + std::to_string(plan.lower_bound) + " are needed; fewer may be possible).");
    return plugin::action_outcome{std::move(message), plan_result_json(order, *attrs, in, plan)};
  }

  plugin::result<plugin::action_outcome> adjust(const plugin::order_view& order,
                                                const plugin::action_input& input, plugin::shop_api& api) {
    auto field = std::find_if(input.fields.begin(), input.fields.end(),
                              [](const auto& f) { return f.first == "plan"; });
    if (field == input.fields.end())
      return make_error(errc::invalid_argument,
                        "plan: required (a list of packages, each a list of line item ids)");
    auto packages = parse_seller_plan(field->second);
    if (!packages) return std::move(packages).err();
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    if (auto open = require_open(order, *m.value()); !open) return std::move(open).err();
    auto attrs = attributes(order, api, false);
    if (!attrs) return std::move(attrs).err();
    if (!attrs->must_split) return not_needed(order);
    auto in = planning_input_for(order, *attrs, api);
    if (!in) return std::move(in).err();
    auto violations = validate_plan(in->request, *packages);
    if (packages->size() < 2)
      violations.push_back({violation_kind::missing_item,
                            std::nullopt,
                            {},
                            2,
                            static_cast<std::int64_t>(packages->size()),
                            "a split needs at least two packages"});
    if (!violations.empty())
      return make_error(errc::invalid_argument, "The plan for order " + order.order_id +
                                                    " was not kept: " + describe(violations) + ".");
    stored_plan plan{*packages, "seller", 0, false, "seller"};
    if (auto best = plan_split(in->request)) {
      plan.lower_bound = best->lower_bound;
      plan.minimal = best->minimal && plan.packages.size() <= best->packages.size();
    }
    if (auto saved = save(api, plan_key(order.order_id), to_state_json(plan), order); !saved)
      return std::move(saved).err();
    m.value()->plan = plan;
    return plugin::action_outcome{"Kept your plan for order " + order.order_id + ": " +
                                      plural(plan.packages.size(), "package", "packages") +
                                      ", every limit holds.",
                                  plan_result_json(order, *attrs, *in, plan)};
  }

  // Looks at the order on the platform after a split request whose outcome is unknown. Answers the
  // outcome when the order was split, nothing when it was not (so sending again is safe).
  plugin::result<std::optional<plugin::action_outcome>> reconcile(const plugin::order_view& order,
                                                                  order_memo& m, plugin::shop_api& api) {
    auto data = api.call("GET", order_detail_path, {{"ids", order.order_id}}, "");
    if (!data)
      return with_context("checking whether the earlier split request of order " + order.order_id +
                              " went through (nothing was sent)",
                          data.err());
    boost::system::error_code ec;
    json::value v = json::parse(*data, ec);
    std::map<std::string, std::string> package_of_line;
    if (!ec && v.is_object())
      if (const auto* orders = v.as_object().if_contains("orders"); orders && orders->is_array())
        for (const auto& o : orders->as_array())
          if (const json::object* oo = o.if_object(); oo && oo->contains("id") && oo->at("id").is_string() &&
                                                      oo->at("id").as_string() == order.order_id)
            if (const auto* lines = o.as_object().if_contains("line_items"); lines && lines->is_array())
              for (const auto& l : lines->as_array()) {
                const json::object* lo = l.if_object();
                const json::value* id = lo ? lo->if_contains("id") : nullptr;
                const json::value* pkg = lo ? lo->if_contains("package_id") : nullptr;
                if (id && id->is_string() && pkg && pkg->is_string())
                  package_of_line[std::string(id->as_string())] = std::string(pkg->as_string());
              }
    std::set<std::string> distinct;
    for (const auto& [line, pkg] : package_of_line) distinct.insert(pkg);
    if (distinct.size() < 2) return std::optional<plugin::action_outcome>{};

    split_record record = m.split.value_or(split_record{});
    record.done = true;
    for (auto& g : record.groups)
      if (!g.line_item_ids.empty()) g.package_id = package_of_line[g.line_item_ids.front()];
    auto recorded = record_split(order, m, std::move(record), api);
    if (!recorded) return std::move(recorded).err();
    recorded->message = "Order " + order.order_id +
                        " had already been split by the earlier request; nothing was sent again. " +
                        recorded->message;
    return std::optional<plugin::action_outcome>{std::move(recorded.value())};
  }

  plugin::result<plugin::action_outcome> record_split(const plugin::order_view& order, order_memo& m,
                                                      split_record record, plugin::shop_api& api,
                                                      std::string_view status = "split") {
    if (auto saved = save(api, split_key(order.order_id), to_state_json(record), order); !saved)
      return std::move(saved).err();
    split_attributes after = m.attributes.value_or(split_attributes{});
    after.order_id = order.order_id;
    after.must_split = false;
    after.can_split = false;
    after.reason = "Order has already been split";
    after.reasons.clear();
    if (auto saved = save(api, attributes_key(order.order_id), to_state_json(after), order); !saved)
      return std::move(saved).err();
    m.attributes = after;
    m.split = record;
    json::array packages;
    std::vector<std::string> ids;
    for (const auto& g : record.groups) {
      packages.push_back(json::object{{"group_id", g.group_id},
                                      {"package_id", g.package_id},
                                      {"line_item_ids", ids_json(g.line_item_ids)}});
      if (!g.package_id.empty()) ids.push_back(g.package_id);
    }
    return plugin::action_outcome{
        "Order " + order.order_id + " is split into " + plural(record.groups.size(), "package", "packages") +
            (ids.empty() ? "." : ": " + join(ids) + ".") + " Each package now ships on its own.",
        json::serialize(json::object{
            {"order_id", order.order_id}, {"status", status}, {"packages", std::move(packages)}})};
  }

  plugin::result<plugin::action_outcome> send_split(const plugin::order_view& order, order_memo& m,
                                                    const package_list& packages, plugin::shop_api& api) {
    split_record record;
    json::array groups;
    for (std::size_t p = 0; p < packages.size(); ++p) {
      split_group g{"pkg-" + std::to_string(p + 1), packages[p], {}};
      groups.push_back(json::object{{"id", g.group_id}, {"order_line_item_ids", ids_json(g.line_item_ids)}});
      record.groups.push_back(std::move(g));
    }
    // Written before sending: a later confirm that finds it checks the platform instead of resending.
    if (auto saved = save(api, split_key(order.order_id), to_state_json(record), order); !saved)
      return std::move(saved).err();
    m.split = record;
    auto answer = api.call("POST", split_path(order.order_id), {},
                           json::serialize(json::object{{"splittable_groups", std::move(groups)}}));
    bool local = seller_kind_from(order.seller_type.empty() ? api.seller_type() : order.seller_type) ==
                 seller_kind::local;
    if (!answer) {
      if (answer.err().code != errc::timeout && answer.err().code != errc::maybe_delivered) {
        m.split.reset();
        if (auto cleared = save(api, split_key(order.order_id), "", order); !cleared)
          ctx_.log().log(plugin::log_level::warn, cleared.err().message);
      }
      return explain_split_failure(answer.err(), order.order_id, local);
    }
    boost::system::error_code ec;
    json::value v = json::parse(*answer, ec);
    if (!ec && v.is_object())
      if (const auto* list = v.as_object().if_contains("packages"); list && list->is_array())
        for (const auto& p : list->as_array()) {
          const json::object* po = p.if_object();
          const json::value* gid = po ? po->if_contains("splittable_group_id") : nullptr;
          const json::value* id = po ? po->if_contains("id") : nullptr;
          if (!gid || !gid->is_string() || !id || !id->is_string()) continue;
          for (auto& g : record.groups)
            if (g.group_id == gid->as_string()) g.package_id = id->as_string();
        }
    record.done = true;
    ctx_.log().log(plugin::log_level::info, "split order " + order.order_id + " of shop " + shop_id_ +
                                                " into " + std::to_string(record.groups.size()) +
                                                " packages");
    return record_split(order, m, std::move(record), api);
  }

  plugin::result<plugin::action_outcome> confirm(const plugin::order_view& order, plugin::shop_api& api) {
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    order_memo& memo = *m.value();
    if (memo.split && memo.split->done) return record_split(order, memo, *memo.split, api);
    if (memo.split) {
      auto checked = reconcile(order, memo, api);
      if (!checked) return std::move(checked).err();
      if (*checked) return std::move(**checked);
    }
    if (auto open = require_open(order, memo); !open) return std::move(open).err();
    if (!memo.plan)
      return make_error(errc::failed_precondition,
                        "There is no split plan for order " + order.order_id + " yet: run Plan split first.");
    auto attrs = attributes(order, api, false);
    if (!attrs) return std::move(attrs).err();
    auto in = planning_input_for(order, *attrs, api);
    if (!in) return std::move(in).err();
    auto violations = validate_plan(in->request, memo.plan->packages);
    if (!violations.empty() || memo.plan->packages.size() < 2)
      return make_error(
          errc::failed_precondition,
          "The stored plan no longer fits order " + order.order_id + " (" +
              (violations.empty() ? "a split needs at least two packages" : describe(violations)) +
              "); run Plan split again.");
    return send_split(order, memo, memo.plan->packages, api);
  }

  plugin::result<plugin::action_outcome> split_all(const plugin::order_view& order, plugin::shop_api& api) {
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    order_memo& memo = *m.value();
    if (memo.split && memo.split->done) {
      auto done = record_split(order, memo, *memo.split, api, "already_split");
      if (done) done->message = "Already split. " + done->message;
      return done;
    }
    if (memo.split) {
      auto checked = reconcile(order, memo, api);
      if (!checked) return std::move(checked).err();
      if (*checked) return std::move(**checked);
    }
    if (auto open = require_open(order, memo); !open) return std::move(open).err();
    auto attrs = attributes(order, api, true);
    if (!attrs) return std::move(attrs).err();
    if (!attrs->must_split) return not_needed(order);
    if (!attrs->can_split)
      return make_error(errc::failed_precondition, "TikTok Shop does not allow splitting order " +
                                                       order.order_id + ": " + attrs->reason);
    // A plan the seller arranged is kept when it still holds; otherwise the planner decides.
    if (memo.plan && memo.plan->source == "seller" && memo.plan->packages.size() >= 2) {
      auto in = planning_input_for(order, *attrs, api);
      if (!in) return std::move(in).err();
      if (validate_plan(in->request, memo.plan->packages).empty())
        return send_split(order, memo, memo.plan->packages, api);
    }
    auto planned = fresh_plan(order, *attrs, api);
    if (!planned) return std::move(planned).err();
    return send_split(order, memo, planned->first.packages, api);
  }

  plugin::result<void> order_changed(const plugin::order_view& order, plugin::shop_api& api) {
    if (order.status != awaiting_shipment || order.lines.size() < 2) {
      if (order.status != awaiting_shipment) memo_.erase(order.order_id);
      return {};
    }
    auto m = memo(order, api);
    if (!m) return std::move(m).err();
    if (m.value()->split && m.value()->split->done) return {};
    auto attrs = attributes(order, api, true);
    if (!attrs) return std::move(attrs).err();
    if (!attrs->must_split || !attrs->can_split) return {};
    if (m.value()->plan) {
      auto in = planning_input_for(order, *attrs, api);
      if (!in) return std::move(in).err();
      if (validate_plan(in->request, m.value()->plan->packages).empty()) return {};
    }
    auto planned = fresh_plan(order, *attrs, api);
    if (!planned && planned.err().code == errc::failed_precondition) {
      // The seller sees this when previewing; it is not a failure of the refresh.
      ctx_.log().log(plugin::log_level::warn, planned.err().message);
      return {};
    }
    if (!planned) return std::move(planned).err();
    return {};
  }

  const plugin::host_context& ctx_;
  std::string shop_id_;
  module_settings settings_;
  std::mutex mu_;
  std::map<std::string, order_memo, std::less<>> memo_;
  std::map<std::string, product_category, std::less<>> categories_;
};

}  // namespace

plugin::result<std::unique_ptr<plugin::market_module>> make_split_module(const plugin::host_context& ctx,
                                                                         std::string_view shop_id) {
  try {
    auto settings = read_module_settings(ctx.config());
    if (!settings) return std::move(settings).err();
    return std::unique_ptr<plugin::market_module>(
        std::make_unique<split_module>(ctx, std::string(shop_id), settings.value()));
  } catch (const std::exception& e) {
    return make_error(errc::internal, std::string("mx-split: ") + e.what());
  }
}

}  // namespace kingkung::mx
