// The TOML config loader (core/src/config) on arbitrary text: loading is deterministic, a config that
// loads has every required value, a refusal lists problems in file order with what was expected, and
// no secret from the environment reaches an error message.
#include <stdlib.h>

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include "kingkung/config/config.hpp"
#include "support.hpp"

namespace kingkung::fuzz {
namespace {

constexpr std::string_view target = "config";
constexpr std::string_view app_secret = "fuzz-config-app-secret-5be1";
constexpr std::string_view database_password = "fuzz-config-db-password-0c7a";

// A private folder for the config file, removed when the process ends.
class scratch_folder {
 public:
  scratch_folder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kk-fuzz-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("config check: no temporary folder");
    dir_ = pattern;
  }
  ~scratch_folder() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  scratch_folder(const scratch_folder&) = delete;
  scratch_folder& operator=(const scratch_folder&) = delete;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// Whether loading could create a file: only a valid [demo] config whose app secret file is missing does.
// Such inputs are read by the parser checks only, so a fuzzer never writes outside its folder.
bool may_create_files(std::string_view text) {
  try {
    const auto root = toml::parse(text);
    const auto enabled = root["demo"]["enabled"].value<bool>();
    const bool demo_off = !root.contains("demo") || (enabled && !*enabled);
    return !demo_off && root["tiktok"]["app_secret_file"];
  } catch (const toml::parse_error&) {
    return false;
  }
}

config::load_result load_text(const std::filesystem::path& file, std::string_view text) {
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  std::map<std::string, std::string> environment{
      {"KINGKUNG_TIKTOK_APP_SECRET", std::string(app_secret)},
      {"KINGKUNG_DATABASE_PASSWORD", std::string(database_password)},
  };
  return config::load(file, {&environment});
}

}  // namespace

void check_config(std::string_view input) {
  using detail::require;
  if (may_create_files(input)) return;
  static const scratch_folder folder;
  const auto file = folder.dir() / "kingkung.toml";

  const auto first = load_text(file, input);
  const auto second = load_text(file, input);
  require(first.ok() == second.ok() && first.message() == second.message(), target,
          "loading the same text twice gave different answers");

  if (first.ok()) {
    const auto& c = *first.config;
    require(!c.tiktok.app_key.empty(), target, "a loaded config without tiktok.app_key");
    require(c.tiktok.app_secret.reveal() == app_secret, target, "a loaded config without the app secret");
    require(!c.database.url.empty(), target, "a loaded config without database.url");
    require(c.database.pool_size >= 1, target, "a loaded config with database.pool_size 0");
    require(!c.default_transport.empty(), target, "a loaded config without a default transport");
    require(!detail::contains(c.database.redacted_url(), database_password), target,
            "the redacted database url shows the password");
    for (const auto& shop : c.shops) require(!shop.key.empty(), target, "a loaded shop without its key");
    return;
  }

  require(!first.errors.empty(), target, "a refusal without errors");
  unsigned last_line = 0;
  bool positionless_seen = false;
  for (const auto& e : first.errors) {
    const auto text = e.to_string();
    require(!e.expected.empty(), target, "an error that does not say what was expected: " + text);
    require(text.rfind(file.string(), 0) == 0, target, "an error that does not name the file: " + text);
    // A secret's text that the input itself puts somewhere else (a key name, say) may be quoted back.
    const bool input_quotes_secret =
        detail::contains(input, app_secret) || detail::contains(input, database_password);
    require(input_quotes_secret ||
                (!detail::contains(text, app_secret) && !detail::contains(text, database_password)),
            target, "an error message shows a secret");
    if (e.line == 0) {
      positionless_seen = true;
    } else {
      require(!positionless_seen && e.line >= last_line, target, "errors are not in file order");
      last_line = e.line;
    }
  }
}

}  // namespace kingkung::fuzz
