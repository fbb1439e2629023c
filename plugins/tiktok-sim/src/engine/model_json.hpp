// The snapshot format of sim_state (JSON, versioned). Only hashes of tokens and codes are written.
#pragma once

#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"
#include "model.hpp"

namespace kingkung::sim::detail {

inline constexpr std::string_view snapshot_format = "kingkung-tiktok-sim-snapshot";
inline constexpr int snapshot_version = 1;

std::string to_snapshot(const sim_state& state);
// Errors say what is wrong ("not JSON: ...", "format is ..., expected ...").
plugin::result<sim_state> from_snapshot(std::string_view text);

}  // namespace kingkung::sim::detail
