// Files that hold one secret (the TikTok app secret): read trimmed, or created for the demo.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "kingkung/common/secret.hpp"

namespace kingkung::config::detail {

// The file's contents without surrounding whitespace; nullopt with `problem` set when it cannot be read
// or holds nothing. `problem` never contains file contents.
std::optional<secret> read_secret_file(const std::filesystem::path& file, std::string& problem);

// Creates `file` (and missing parent folders) with 32 random hex characters, mode 0600. Fails if the file
// appeared meanwhile. For the demo only: a real app secret comes from Partner Center.
std::optional<secret> create_demo_secret_file(const std::filesystem::path& file, std::string& problem);

// Whether group or others may read the file (worth a warning for a secret).
bool readable_by_others(const std::filesystem::path& file);

}  // namespace kingkung::config::detail
