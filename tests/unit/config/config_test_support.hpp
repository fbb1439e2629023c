// Helpers for the config tests: a private temporary folder to write config files into, and the smallest
// valid config for a test to extend.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "kingkung/config/config.hpp"

namespace kingkung::config::testing {

class temp_dir {
 public:
  temp_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kingkung-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` to `name` (relative to the folder, parents created) and returns the full path.
  std::filesystem::path write(const std::filesystem::path& name, std::string_view text) const {
    auto file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    return file;
  }

  // Like write(), readable by the owner only, as a secret file should be.
  std::filesystem::path write_secret(const std::filesystem::path& name, std::string_view text) const {
    auto file = write(name, text);
    std::filesystem::permissions(file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return file;
  }

 private:
  std::filesystem::path path_;
};

inline constexpr std::string_view test_app_secret = "test-app-secret-0123456789";

// The smallest valid file: the app key; the app secret comes from the environment below.
inline std::string minimal_config(std::string_view more = {}) {
  return "[tiktok]\napp_key = \"kk-test-app\"\n" + std::string(more);
}

inline std::map<std::string, std::string> secret_environment() {
  return {{"KINGKUNG_TIKTOK_APP_SECRET", std::string(test_app_secret)}};
}

// Loads `text` written as kingkung.toml in `dir`, with `env` as the whole environment.
inline load_result load_text(const temp_dir& dir, std::string_view text,
                             std::map<std::string, std::string> env) {
  load_options options;
  options.environment = &env;
  return load(dir.write("kingkung.toml", text), options);
}

inline load_result load_text(const temp_dir& dir, std::string_view text) {
  return load_text(dir, text, secret_environment());
}

// The error for `key_path`, or nullptr.
inline const config_error* find_error(const std::vector<config_error>& errors, std::string_view key_path) {
  for (const auto& e : errors)
    if (e.key_path == key_path) return &e;
  return nullptr;
}

inline std::string all_messages(const std::vector<config_error>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace kingkung::config::testing
