#include "plugins/host_context.hpp"

namespace kingkung::plugins::detail {
namespace {

class system_clock_impl final : public plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace

std::shared_ptr<const plugin::clock> system_clock() {
  static const auto clock = std::make_shared<const system_clock_impl>();
  return clock;
}

plugin_context::plugin_context(std::string_view plugin_id, std::shared_ptr<const plugin::clock> clock,
                               std::shared_ptr<const plugin::config_view> config, std::string data_dir)
    : logger_("plugin:" + std::string(plugin_id)),
      clock_(clock ? std::move(clock) : system_clock()),
      config_(config ? std::move(config)
                     : std::make_shared<const empty_config_view>("[plugins.config." + std::string(plugin_id) +
                                                                 "] (not in the config file)")),
      data_dir_(std::move(data_dir)) {}

}  // namespace kingkung::plugins::detail
