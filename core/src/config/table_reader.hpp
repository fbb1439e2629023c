// Typed, validating access to one TOML table. Every read reports a wrong type or an out-of-range value to
// the diagnostics (with the value's position and key path) and leaves the target unchanged, so the loader
// keeps going and finds every problem in one pass.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostics.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config::detail {

source_location location_of(const toml::source_region& region);
inline source_location location_of(const toml::node& n) {
  return location_of(n.source());
}
inline source_location location_of(const toml::key& k) {
  return location_of(k.source());
}

// "a string \"abc\"", "an integer 42", "a table", ... `hide_value` keeps a string's text out.
std::string describe(const toml::node& n, bool hide_value = false);

// "server" + "port" -> "server.port"; keys that are not bare TOML keys are quoted.
std::string child_path(std::string_view parent, std::string_view key);
std::string element_path(std::string_view array_path, std::size_t index);

// `p` against `base` (the config folder) when relative; empty stays empty.
std::filesystem::path resolve_path(const std::filesystem::path& base, const std::filesystem::path& p);

class table_reader {
 public:
  table_reader(const toml::table& table, std::string path, diagnostics& diag);

  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const { return child_path(path_, key); }
  const toml::table& table() const { return table_; }
  const toml::node* find(std::string_view key) const { return table_.get(key); }
  source_location where() const { return location_of(table_); }
  source_location where(std::string_view key) const;  // the value's position, else the table's
  diagnostics& diag() const { return diag_; }

  // Reads `key` when present. Return true when `out` was set.
  bool read(std::string_view key, std::string& out, bool hide_value = false);
  bool read(std::string_view key, bool& out);
  bool read_integer(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max);
  template <class T>
  bool read(std::string_view key, T& out, std::int64_t min, std::int64_t max) {
    std::int64_t v = 0;
    if (!read_integer(key, v, min, max)) return false;
    out = static_cast<T>(v);
    return true;
  }
  // An array of strings; each element's position goes to `where` when given.
  bool read(std::string_view key, std::vector<std::string>& out,
            std::vector<source_location>* where = nullptr);
  // A path, resolved against `base`.
  bool read_path(std::string_view key, std::filesystem::path& out, const std::filesystem::path& base);
  // A sub-table; reports anything else present under the key. nullptr when absent or wrong.
  const toml::table* read_table(std::string_view key);

  // "key is missing": `expected` says what should be there.
  void missing(std::string_view key, std::string expected) const;
  // The value under `key` is not acceptable; `found` defaults to a description of the value.
  void invalid(std::string_view key, std::string expected, std::string found = {},
               std::string hint = {}) const;

  // Reports every key of this table that is not in `allowed`, with a suggestion among them.
  void reject_unknown_keys(std::initializer_list<std::string_view> allowed) const;
  void reject_unknown_keys(const std::vector<std::string>& allowed) const;

 private:
  const toml::table& table_;
  std::string path_;
  diagnostics& diag_;
};

}  // namespace kingkung::config::detail
