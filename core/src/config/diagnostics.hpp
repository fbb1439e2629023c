// Collects config problems while the loader walks the file, so every problem is reported at once.
#pragma once

#include <string>
#include <vector>

#include "kingkung/config/config.hpp"

namespace kingkung::config::detail {

class diagnostics {
 public:
  explicit diagnostics(std::string file) : file_(std::move(file)) {}

  void add(source_location at, std::string key_path, std::string expected, std::string found,
           std::string hint = {});
  bool empty() const { return errors_.empty(); }
  const std::string& file() const { return file_; }

  // In file order; problems without a position (environment, missing sections) come last.
  std::vector<config_error> take_sorted();

 private:
  std::string file_;
  std::vector<config_error> errors_;
};

// Sorts by line and column, keeping the order of equal positions; line 0 goes last.
void sort_by_position(std::vector<config_error>& errors);

// `"text"` with quotes and control characters escaped, shortened when long.
std::string quote_text(std::string_view text);

}  // namespace kingkung::config::detail
