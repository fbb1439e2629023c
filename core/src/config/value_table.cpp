#include "kingkung/config/value_table.hpp"

#include <utility>

namespace kingkung::config {

value_table::value_table(std::string origin, std::map<std::string, value> values)
    : origin_(std::move(origin)), values_(std::move(values)) {}

value_table_ptr value_table::empty(std::string origin) {
  return std::make_shared<const value_table>(std::move(origin), std::map<std::string, value>{});
}

const value_table::value* value_table::find(std::string_view key) const {
  if (auto it = values_.find(std::string(key)); it != values_.end()) return &it->second;
  // Walk into sub-tables at each dot, so "a.b.c" finds {a = {b = {c}}} and also {a = {"b.c"}}.
  for (auto dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', dot + 1)) {
    auto it = values_.find(std::string(key.substr(0, dot)));
    if (it == values_.end()) continue;
    const auto* sub = std::get_if<std::shared_ptr<const value_table>>(&it->second);
    if (sub == nullptr || !*sub) continue;
    if (const value* found = (*sub)->find(key.substr(dot + 1))) return found;
  }
  return nullptr;
}

namespace {

template <class T>
std::optional<T> get_as(const value_table& table, std::string_view key) {
  const auto* v = table.find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* typed = std::get_if<T>(v)) return *typed;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> value_table::get_string(std::string_view key) const {
  return get_as<std::string>(*this, key);
}

std::optional<std::int64_t> value_table::get_int(std::string_view key) const {
  return get_as<std::int64_t>(*this, key);
}

std::optional<double> value_table::get_double(std::string_view key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* d = std::get_if<double>(v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(v)) return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<bool> value_table::get_bool(std::string_view key) const {
  return get_as<bool>(*this, key);
}

std::optional<std::vector<std::string>> value_table::get_strings(std::string_view key) const {
  return get_as<strings>(*this, key);
}

std::vector<std::string> value_table::keys() const {
  std::vector<std::string> out;
  out.reserve(values_.size());
  for (const auto& [k, v] : values_) out.push_back(k);
  return out;
}

std::string value_table::origin() const {
  return origin_;
}

}  // namespace kingkung::config
