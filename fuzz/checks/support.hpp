// Helpers shared by the checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks.hpp"

namespace kingkung::fuzz::detail {

// Throws property_violation("<target>: <what>") when `holds` is false.
void require(bool holds, std::string_view target, std::string_view what);

// Splits off the text before the first '\n' (the whole rest when there is none).
std::string_view take_line(std::string_view& rest);

// Whether `text` contains `part`.
inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// Printable form of a few bytes for messages (non-printable bytes as \xNN, at most 80 bytes).
std::string printable(std::string_view bytes);

}  // namespace kingkung::fuzz::detail
