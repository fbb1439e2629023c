// The br-invoice market module object, one per shop. Calls for one shop are serialised by the host.
#pragma once

#include <string>
#include <vector>

#include "invoice_store.hpp"
#include "kingkung/br/nfe_validator.hpp"
#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "module_config.hpp"

namespace kingkung::br::detail {

class invoice_module final : public plugin::market_module {
 public:
  invoice_module(const plugin::host_context& ctx, std::string shop_id, module_config cfg);

  std::uint32_t capabilities() const noexcept override;
  std::vector<plugin::action_spec> actions() const override;
  plugin::result<plugin::action_state> action_state_for(std::string_view action,
                                                        const plugin::order_view& order) noexcept override;
  plugin::result<plugin::ship_gate> check_ship(const plugin::order_view& order,
                                               plugin::shop_api& api) noexcept override;
  plugin::result<plugin::action_outcome> run_action(std::string_view action, const plugin::order_view& order,
                                                    const plugin::action_input& input,
                                                    plugin::shop_api& api) noexcept override;
  plugin::result<void> on_order_changed(const plugin::order_view& order,
                                        plugin::shop_api& api) noexcept override;
  plugin::result<void> on_event(int type, std::string_view data_json,
                                plugin::shop_api& api) noexcept override;

 private:
  plugin::result<plugin::action_outcome> upload_one(const plugin::order_view& order,
                                                    const plugin::action_input& input, plugin::shop_api& api);
  plugin::result<plugin::action_outcome> upload_many(const plugin::order_view& order,
                                                     const plugin::action_input& input,
                                                     plugin::shop_api& api);
  plugin::result<plugin::action_outcome> poll_status(const plugin::order_view& order, plugin::shop_api& api);
  plugin::result<plugin::action_outcome> invoice_label(const plugin::order_view& order,
                                                       const plugin::action_input& input,
                                                       plugin::shop_api& api);
  // Moves PROCESSING records forward from the order's need_upload_invoice. `fresh` says the value was
  // read from the platform after every upload this module made (an explicit poll).
  plugin::result<void> apply_order_flag(const plugin::order_view& order, std::string_view need, bool fresh,
                                        plugin::shop_api& api);
  nfe_expectations expectations_for(const plugin::order_view& order) const;
  // Whether the package's invoice is accepted, from its record or the order's flag.
  bool accepted(const plugin::order_view& order, const invoice_record* record) const;

  const plugin::host_context& ctx_;
  std::string shop_id_;
  module_config cfg_;
  invoice_store store_;
};

}  // namespace kingkung::br::detail
