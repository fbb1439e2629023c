#include "config/table_reader.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "config/suggestion.hpp"

namespace kingkung::config::detail {
namespace {

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

template <class T>
std::string streamed(const T& value) {
  std::ostringstream os;
  os << value;
  return os.str();
}

std::string table_label(std::string_view path) {
  if (path.empty()) return "the top level";
  if (!path.empty() && path.back() == ']') {
    // An element of an array of tables: "shops[1]" -> "[[shops]]".
    auto open = path.rfind('[');
    return "[[" + std::string(path.substr(0, open)) + "]]";
  }
  return "[" + std::string(path) + "]";
}

}  // namespace

source_location location_of(const toml::source_region& region) {
  return {static_cast<unsigned>(region.begin.line), static_cast<unsigned>(region.begin.column)};
}

std::string describe(const toml::node& n, bool hide_value) {
  switch (n.type()) {
    case toml::node_type::string:
      return hide_value ? "a string" : "a string " + quote_text(n.as_string()->get());
    case toml::node_type::integer:
      return "an integer " + std::to_string(n.as_integer()->get());
    case toml::node_type::floating_point: {
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n.as_floating_point()->get());
      std::string text(buf, ec == std::errc() ? end : buf);
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // 8080.0, not 8080
      return "a float " + text;
    }
    case toml::node_type::boolean:
      return std::string("a boolean ") + (n.as_boolean()->get() ? "true" : "false");
    case toml::node_type::array: {
      const auto& a = *n.as_array();
      if (a.empty()) return "an empty array";
      return "an array of " + std::to_string(a.size()) + (a.size() == 1 ? " element" : " elements");
    }
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date " + streamed(n.as_date()->get());
    case toml::node_type::time:
      return "a time " + streamed(n.as_time()->get());
    case toml::node_type::date_time:
      return "a date-time " + streamed(n.as_date_time()->get());
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string child_path(std::string_view parent, std::string_view key) {
  std::string k = is_bare_key(key) ? std::string(key) : quote_text(key);
  if (parent.empty()) return k;
  return std::string(parent) + "." + k;
}

std::string element_path(std::string_view array_path, std::size_t index) {
  return std::string(array_path) + "[" + std::to_string(index) + "]";
}

std::filesystem::path resolve_path(const std::filesystem::path& base, const std::filesystem::path& p) {
  if (p.empty()) return {};
  if (p.is_absolute()) return p.lexically_normal();
  return (base / p).lexically_normal();
}

table_reader::table_reader(const toml::table& table, std::string path, diagnostics& diag)
    : table_(table), path_(std::move(path)), diag_(diag) {}

source_location table_reader::where(std::string_view key) const {
  if (const auto* n = find(key)) return location_of(*n);
  return where();
}

bool table_reader::read(std::string_view key, std::string& out, bool hide_value) {
  const auto* n = find(key);
  if (n == nullptr) return false;
  if (const auto* s = n->as_string()) {
    out = s->get();
    return true;
  }
  invalid(key, "a string", describe(*n, hide_value));
  return false;
}

bool table_reader::read(std::string_view key, bool& out) {
  const auto* n = find(key);
  if (n == nullptr) return false;
  if (const auto* b = n->as_boolean()) {
    out = b->get();
    return true;
  }
  invalid(key, "a boolean (true or false)");
  return false;
}

bool table_reader::read_integer(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max) {
  const auto* n = find(key);
  if (n == nullptr) return false;
  const auto* i = n->as_integer();
  if (i == nullptr) {
    invalid(key, "an integer");
    return false;
  }
  if (i->get() < min || i->get() > max) {
    invalid(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max),
            std::to_string(i->get()));
    return false;
  }
  out = i->get();
  return true;
}

bool table_reader::read(std::string_view key, std::vector<std::string>& out,
                        std::vector<source_location>* where) {
  const auto* n = find(key);
  if (n == nullptr) return false;
  const auto* a = n->as_array();
  if (a == nullptr) {
    invalid(key, "an array of strings");
    return false;
  }
  std::vector<std::string> values;
  std::vector<source_location> positions;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const auto& element = *a->get(i);
    if (const auto* s = element.as_string()) {
      values.push_back(s->get());
      positions.push_back(location_of(element));
    } else {
      diag_.add(location_of(element), element_path(key_path(key), i), "a string", describe(element));
      ok = false;
    }
  }
  if (!ok) return false;
  out = std::move(values);
  if (where != nullptr) *where = std::move(positions);
  return true;
}

bool table_reader::read_path(std::string_view key, std::filesystem::path& out,
                             const std::filesystem::path& base) {
  std::string text;
  if (!read(key, text)) return false;
  out = resolve_path(base, text);
  return true;
}

const toml::table* table_reader::read_table(std::string_view key) {
  const auto* n = find(key);
  if (n == nullptr) return nullptr;
  if (const auto* t = n->as_table()) return t;
  invalid(key, "a table ([" + key_path(key) + "])");
  return nullptr;
}

void table_reader::missing(std::string_view key, std::string expected) const {
  diag_.add(where(), key_path(key), std::move(expected), "nothing (the key is missing)");
}

void table_reader::invalid(std::string_view key, std::string expected, std::string found,
                           std::string hint) const {
  const auto* n = find(key);
  if (found.empty() && n != nullptr) found = describe(*n);
  diag_.add(where(key), key_path(key), std::move(expected), std::move(found), std::move(hint));
}

void table_reader::reject_unknown_keys(std::initializer_list<std::string_view> allowed) const {
  reject_unknown_keys(std::vector<std::string>(allowed.begin(), allowed.end()));
}

void table_reader::reject_unknown_keys(const std::vector<std::string>& allowed) const {
  for (const auto& [k, v] : table_) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
    std::string hint = did_you_mean(k.str(), allowed);
    if (hint.empty()) hint = "known keys: " + join(allowed);
    std::string expected = path_.empty() ? "a known section" : "a known key of " + table_label(path_);
    diag_.add(location_of(k), key_path(k.str()), std::move(expected), quote_text(k.str()), std::move(hint));
  }
}

}  // namespace kingkung::config::detail
