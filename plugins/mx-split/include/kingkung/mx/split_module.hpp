// The "mx-split" market module: Mexico split shipment. It reads an order's split attributes, plans
// packages with the split planner, lets the seller adjust and confirm the plan, sends Split Orders once,
// and keeps orders that must be split from shipping until they are. docs/mx-split.md describes the
// actions, the config keys and the messages.
#pragma once

#include <memory>
#include <string_view>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::mx {

inline constexpr std::string_view module_id = "mx-split";

inline constexpr std::string_view action_preview = "split.preview";
inline constexpr std::string_view action_adjust = "split.adjust";
inline constexpr std::string_view action_confirm = "split.confirm";
inline constexpr std::string_view action_split_all = "split.all";

// The factory the plugin registers. `ctx.config()` is the module's [markets.<REGION>.mx-split] table;
// an unknown key or a bad value is refused with the table's origin, the key, what was expected and what
// was found. `ctx` must outlive the module.
plugin::result<std::unique_ptr<plugin::market_module>> make_split_module(const plugin::host_context& ctx,
                                                                         std::string_view shop_id);

}  // namespace kingkung::mx
