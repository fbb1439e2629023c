#include "kingkung/live/live_config.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace kingkung::live {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::int64_t max_timeout_ms = 3'600'000;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Reads typed values from the table; every error starts with "<origin>: <key>: ".
class table_reader {
 public:
  explicit table_reader(const plugin::config_view& table) : table_(table), keys_(table.keys()) {}

  bool has(std::string_view key) const { return std::find(keys_.begin(), keys_.end(), key) != keys_.end(); }
  const std::vector<std::string>& keys() const { return keys_; }

  plugin::error fail(std::string_view key, std::string_view what) const {
    return make_error(errc::invalid_argument,
                      table_.origin() + ": " + std::string(key) + ": " + std::string(what));
  }

  // What a value of the wrong type is, for "found ..." (never the value of a string that may be secret).
  std::string describe_found(std::string_view key, bool show_strings) const {
    if (auto s = table_.get_string(key)) return show_strings ? "the string \"" + *s + "\"" : "a string";
    if (auto b = table_.get_bool(key)) return std::string("the boolean ") + (*b ? "true" : "false");
    if (auto i = table_.get_int(key)) return "the integer " + std::to_string(*i);
    if (auto d = table_.get_double(key)) return "the number " + std::to_string(*d);
    if (table_.get_strings(key)) return "a list";
    return "a value of another type";
  }

  plugin::result<std::optional<std::string>> string(std::string_view key) const {
    if (!has(key)) return std::optional<std::string>{};
    if (auto s = table_.get_string(key)) return std::optional<std::string>(std::move(*s));
    return fail(key, "expected a string, found " + describe_found(key, false));
  }

  plugin::result<std::int64_t> integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                                       std::int64_t max) const {
    if (!has(key)) return fallback;
    auto value = table_.get_int(key);
    std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value) return fail(key, "expected " + range + ", found " + describe_found(key, true));
    if (*value < min || *value > max)
      return fail(key, "expected " + range + ", found " + std::to_string(*value));
    return *value;
  }

 private:
  const plugin::config_view& table_;
  std::vector<std::string> keys_;
};

plugin::result<base_url> read_base_url(const table_reader& in, std::string_view key,
                                       std::string_view fallback) {
  auto text = in.string(key);
  if (!text) return std::move(text).err();
  auto url = parse_base_url(text->value_or(std::string(fallback)));
  if (!url) return in.fail(key, url.err().message);
  return url;
}

plugin::result<std::chrono::milliseconds> read_timeout(const table_reader& in, std::string_view key,
                                                       std::chrono::milliseconds fallback) {
  auto v = in.integer(key, fallback.count(), 1, max_timeout_ms);
  if (!v) return std::move(v).err();
  return std::chrono::milliseconds(*v);
}

std::optional<std::string> first_env(const env_lookup& env, std::string_view upper,
                                     std::string_view lower_name) {
  if (auto v = env(upper); v && !trim(*v).empty()) return trim(*v);
  if (auto v = env(lower_name); v && !trim(*v).empty()) return trim(*v);
  return std::nullopt;
}

std::vector<std::string> split_no_proxy(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string entry = lower(trim(list.substr(0, comma)));
    if (!entry.empty()) out.push_back(std::move(entry));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

bool no_proxy_matches(const std::string& entry, const base_url& origin) {
  if (entry == "*") return true;
  std::string_view pattern = entry;
  // "host:port" entries match that port only.
  if (auto colon = pattern.rfind(':'); colon != std::string_view::npos && pattern.find(':') == colon) {
    if (pattern.substr(colon + 1) != std::to_string(origin.port)) return false;
    pattern = pattern.substr(0, colon);
  }
  if (!pattern.empty() && pattern.front() == '*') pattern.remove_prefix(1);
  if (!pattern.empty() && pattern.front() == '.') pattern.remove_prefix(1);
  const std::string& host = origin.host;
  if (host == pattern) return true;
  return host.size() > pattern.size() && host.ends_with(pattern) &&
         host[host.size() - pattern.size() - 1] == '.';
}

}  // namespace

std::optional<std::string> process_environment(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

const std::vector<std::string_view>& live_config_keys() {
  static const std::vector<std::string_view> keys = {
      "api_base_url",       "auth_base_url",  "ca_file",         "pool_max_per_host",
      "connect_timeout_ms", "tls_timeout_ms", "read_timeout_ms", "pool_idle_timeout_ms",
      "max_response_bytes", "https_proxy",
  };
  return keys;
}

const proxy_url* live_config::proxy_for(const base_url& origin) const {
  if (!proxy) return nullptr;
  if (!proxy_from_environment) return &*proxy;
  if (origin.is_loopback()) return nullptr;
  for (const auto& entry : no_proxy) {
    if (no_proxy_matches(entry, origin)) return nullptr;
  }
  return &*proxy;
}

plugin::result<live_config> load_live_config(const plugin::config_view& table, const env_lookup& env) {
  table_reader in(table);
  const auto& known = live_config_keys();
  for (const auto& key : in.keys()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string_view best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (auto candidate : known) {
      std::size_t d = edit_distance(key, candidate);
      if (d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    }
    std::string message = "unknown key";
    if (best_distance <= std::max<std::size_t>(2, key.size() / 3))
      message += " (did you mean \"" + std::string(best) + "\"?)";
    message += "; known keys:";
    for (auto k : known) message += " " + std::string(k);
    return in.fail(key, message);
  }

  live_config cfg;
  auto api = read_base_url(in, "api_base_url", default_api_base_url);
  if (!api) return std::move(api).err();
  cfg.api = std::move(*api);
  auto auth = read_base_url(in, "auth_base_url", default_auth_base_url);
  if (!auth) return std::move(auth).err();
  cfg.auth = std::move(*auth);

  auto ca = in.string("ca_file");
  if (!ca) return std::move(ca).err();
  if (*ca) {
    if (trim(**ca).empty())
      return in.fail("ca_file",
                     "expected the path of a PEM file of trusted CAs, found an empty string (leave the key "
                     "out to use the system trust store)");
    cfg.ca_file = **ca;
  }

  auto pool = in.integer("pool_max_per_host", static_cast<std::int64_t>(cfg.pool_max_per_host), 1, 256);
  if (!pool) return std::move(pool).err();
  cfg.pool_max_per_host = static_cast<std::size_t>(*pool);

  auto connect = read_timeout(in, "connect_timeout_ms", cfg.connect_timeout);
  if (!connect) return std::move(connect).err();
  cfg.connect_timeout = *connect;
  auto tls = read_timeout(in, "tls_timeout_ms", cfg.tls_timeout);
  if (!tls) return std::move(tls).err();
  cfg.tls_timeout = *tls;
  auto read = read_timeout(in, "read_timeout_ms", cfg.read_timeout);
  if (!read) return std::move(read).err();
  cfg.read_timeout = *read;
  auto idle = read_timeout(in, "pool_idle_timeout_ms", cfg.pool_idle_timeout);
  if (!idle) return std::move(idle).err();
  cfg.pool_idle_timeout = *idle;

  auto max_bytes = in.integer("max_response_bytes", static_cast<std::int64_t>(cfg.max_response_bytes), 1024,
                              std::int64_t{1} << 30);
  if (!max_bytes) return std::move(max_bytes).err();
  cfg.max_response_bytes = static_cast<std::size_t>(*max_bytes);

  auto proxy_text = in.string("https_proxy");
  if (!proxy_text) return std::move(proxy_text).err();
  if (*proxy_text) {
    if (!trim(**proxy_text).empty()) {
      auto proxy = parse_proxy_url(trim(**proxy_text));
      if (!proxy) return in.fail("https_proxy", proxy.err().message);
      cfg.proxy = std::move(*proxy);
    }
  } else if (auto from_env = first_env(env, "HTTPS_PROXY", "https_proxy")) {
    auto proxy = parse_proxy_url(*from_env);
    if (!proxy) {
      return make_error(errc::invalid_argument,
                        table.origin() +
                            ": https_proxy is not set, so the environment's HTTPS_PROXY "
                            "was used, and it is invalid: " +
                            proxy.err().message);
    }
    cfg.proxy = std::move(*proxy);
    cfg.proxy_from_environment = true;
    if (auto list = first_env(env, "NO_PROXY", "no_proxy")) cfg.no_proxy = split_no_proxy(*list);
  }
  return cfg;
}

}  // namespace kingkung::live
