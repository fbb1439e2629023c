// Sync cursors are Unix seconds written as decimal text in sync_state.sync_cursor. Every item whose
// update_time is below the cursor is stored. Include only from core/src/sync/.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung::sync::detail {

// nullopt for an empty (never synced) or unreadable cursor; an unreadable one is treated as never synced,
// which re-reads history instead of skipping it.
inline std::optional<std::int64_t> parse_cursor(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

inline std::string format_cursor(std::int64_t value) {
  return std::to_string(value);
}

}  // namespace kingkung::sync::detail
