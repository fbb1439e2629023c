// The handshake rules a plugin descriptor must pass before the host calls anything in the plugin.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/plugins/plugin_host.hpp"

namespace kingkung::plugins::detail {

// Bytes a descriptor needs to hold every field that API 1.0 defines.
inline constexpr std::size_t descriptor_size_1_0 =
    offsetof(kingkung_plugin_descriptor, description) + sizeof(kingkung_plugin_descriptor::description);

inline constexpr std::size_t max_name_length = 64;

struct check_options {
  // The id the caller expects (load_configured: from the file name); empty accepts any id.
  std::string_view expected_id;
  // Where a plugin id is already loaded from; null skips the duplicate rule (inspect has no host).
  std::function<std::optional<std::string>(std::string_view id)> loaded_from;
};

struct check_result {
  std::optional<descriptor_info> info;  // the fields that could be read safely
  std::string refusal;                  // "<rule>: expected ..., found ..."; empty when every rule passed
  bool passed() const { return refusal.empty(); }
};

// Applies the rules in order: descriptor present, API major, API minor, descriptor size, build tag,
// plugin id syntax, expected id, id not loaded yet, register function present, kinds.
check_result check_descriptor(const kingkung_plugin_descriptor* descriptor, const check_options& options);

// [a-z0-9-], 1 to 64 characters: plugin ids name files (lib<id>.so) and folders (data_dir/<id>).
bool is_valid_plugin_id(std::string_view id);
// [a-z0-9._-], 1 to 64 characters: transport and market module names, as config selects them.
bool is_valid_component_name(std::string_view name);

// `text` in double quotes, with quotes, backslashes and control characters escaped, cut at 200 characters.
std::string quote(std::string_view text);

// "transport, market-module" for kind bits; unknown bits as hex.
std::string kinds_to_string(std::uint32_t kinds);

}  // namespace kingkung::plugins::detail
