// A config file for the web host tests in a fresh temporary folder: SQLite and the master key inside it,
// the fixture plugins (KINGKUNG_FIXTURE_PLUGIN_DIR) as the only plugins. Removed on destruction.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace kingkung::test {

class web_test_config {
 public:
  web_test_config() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("kingkung-web-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "app-secret") << "test-app-secret-value\n";
    ::chmod((dir_ / "app-secret").c_str(), 0600);
  }
  ~web_test_config() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  web_test_config(const web_test_config&) = delete;
  web_test_config& operator=(const web_test_config&) = delete;

  // Writes kingkung.toml loading `plugins` from the fixture folder, with `extra` appended verbatim.
  std::filesystem::path write(const std::vector<std::string>& plugins, const std::string& extra = "") const {
    std::string load;
    for (const auto& p : plugins) load += (load.empty() ? "\"" : ", \"") + p + "\"";
    std::ofstream out(file());
    out << "[server]\nlisten = \"127.0.0.1\"\nport = 8080\nthreads = 1\n\n"
        << "[database]\nurl = \"sqlite3:data/kingkung.db\"\npool_size = 2\n\n"
        << "[vault]\nkey_file = \"data/master.key\"\n\n"
        << "[tiktok]\napp_key = \"kk-test-app\"\napp_secret_file = \"app-secret\"\n\n"
        << "[transports]\ndefault = \"fixture-echo\"\n\n"
        << "[plugins]\ndir = \"" << KINGKUNG_FIXTURE_PLUGIN_DIR << "\"\nload = [" << load << "]\n\n"
        << "[log]\nlevel = \"warn\"\n\n"
        << extra;
    return file();
  }

  // Writes `text` as the whole config file.
  std::filesystem::path write_raw(const std::string& text) const {
    std::ofstream(file()) << text;
    return file();
  }

  std::filesystem::path file() const { return dir_ / "kingkung.toml"; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

inline const std::string one_shop =
    "[[shops]]\nkey = \"test-mx\"\nshop_id = \"7000000000000000001\"\nregion = \"MX\"\n"
    "seller_type = \"CROSS_BORDER\"\nmodules = [\"fixture-module\"]\n";

}  // namespace kingkung::test
