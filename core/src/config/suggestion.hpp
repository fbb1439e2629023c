// "Did you mean" suggestions for misspelt keys and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::config::detail {

// Optimal-string-alignment distance (a swap of two neighbours counts as one edit), case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, when it is close enough to be a plausible typo; first wins ties.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// `did you mean "x"?` or empty.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "a, b, c" for messages.
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

}  // namespace kingkung::config::detail
