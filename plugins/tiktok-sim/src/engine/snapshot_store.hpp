// The state file in the plugin's data folder. Writes go to a temporary file that is then renamed
// over the old one, so a crashed process never leaves half a snapshot.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::sim::detail {

class snapshot_store {
 public:
  explicit snapshot_store(std::filesystem::path folder);

  const std::filesystem::path& file() const noexcept { return file_; }
  // nullopt when there is no snapshot yet.
  plugin::result<std::optional<std::string>> load() const;
  plugin::result<void> save(std::string_view text) const;

 private:
  std::filesystem::path folder_;
  std::filesystem::path file_;
};

}  // namespace kingkung::sim::detail
