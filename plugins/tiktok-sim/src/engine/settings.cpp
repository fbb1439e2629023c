#include "kingkung/sim/settings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "demo_catalog.hpp"

namespace kingkung::sim {
namespace {

using plugin::errc;

struct reader {
  const plugin::config_view& config;
  std::string origin;

  plugin::error fail(std::string_view key, std::string_view expected, std::string_view found) const {
    return plugin::make_error(errc::invalid_argument, origin + ": key \"" + std::string(key) +
                                                          "\": expected " + std::string(expected) +
                                                          ", found " + std::string(found));
  }
};

std::string in_quotes(std::string_view s) {
  std::string out(1, '"');
  out += s;
  out += '"';
  return out;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The folder of the config file named at the start of an origin such as "config/kingkung.toml [plugins...]".
std::filesystem::path origin_folder(std::string_view origin) {
  auto bracket = origin.find(" [");
  std::string file(origin.substr(0, bracket));
  if (file.empty()) return {};
  return std::filesystem::path(file).parent_path();
}

plugin::result<std::string> read_secret_file(const reader& r, const std::string& configured) {
  std::filesystem::path path(configured);
  if (path.is_relative() && !std::filesystem::exists(path)) {
    auto beside_config = origin_folder(r.origin) / path;
    if (std::filesystem::exists(beside_config)) path = beside_config;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return r.fail("app_secret_file", "a readable file holding the app secret",
                  in_quotes(configured) + " (" + std::strerror(errno) + ")");
  std::ostringstream text;
  text << in.rdbuf();
  std::string secret = trim(text.str());
  if (secret.empty())
    return r.fail("app_secret_file", "a file holding the app secret", in_quotes(configured) + " (empty)");
  return secret;
}

plugin::result<int> read_count(const reader& r, const std::string& key, int fallback, int min, int max) {
  auto v = r.config.get_int(key);
  if (!v) {
    if (r.config.get_string(key)) return r.fail(key, "an integer", "a string");
    return fallback;
  }
  if (*v < min || *v > max)
    return r.fail(key, "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]",
                  std::to_string(*v));
  return static_cast<int>(*v);
}

plugin::result<double> read_rate(const reader& r, const std::string& key) {
  auto v = r.config.get_double(key);
  if (!v) {
    if (auto text = r.config.get_string(key)) return r.fail(key, "a number in [0, 1]", in_quotes(*text));
    if (r.config.get_bool(key)) return r.fail(key, "a number in [0, 1]", "a boolean");
    return 0.0;
  }
  if (!(*v >= 0.0 && *v <= 1.0)) return r.fail(key, "a number in [0, 1]", std::to_string(*v));
  return *v;
}

plugin::result<fault_settings> read_faults(const reader& r) {
  fault_settings f;
  struct rate_key {
    const char* key;
    double fault_settings::*field;
  };
  static constexpr rate_key rates[] = {{"fault_rate_429", &fault_settings::rate_429},
                                       {"fault_rate_500", &fault_settings::rate_500},
                                       {"fault_rate_503", &fault_settings::rate_503},
                                       {"fault_rate_timeout", &fault_settings::rate_timeout},
                                       {"fault_rate_lost_answer", &fault_settings::rate_lost_answer}};
  double total = 0;
  for (const auto& k : rates) {
    auto v = read_rate(r, k.key);
    if (!v) return v.err();
    f.*k.field = *v;
    total += *v;
  }
  if (total > 1.0 + 1e-9)
    return r.fail("fault_rate_lost_answer", "fault rates that add up to at most 1",
                  "rates adding up to " + std::to_string(total));
  if (auto paths = r.config.get_strings("fault_paths")) {
    for (const auto& p : *paths)
      if (p.empty() || (p.front() != '/' && p.front() != '*'))
        return r.fail("fault_paths", "official path patterns starting with '/' or '*'", in_quotes(p));
    if (!paths->empty()) f.paths = std::move(*paths);
  } else if (r.config.get_string("fault_paths")) {
    return r.fail("fault_paths", "an array of path patterns", "a string");
  }
  auto stall = read_count(r, "fault_timeout_stall_ms", 0, 0, 60000);
  if (!stall) return stall.err();
  f.timeout_stall_ms = *stall;
  return f;
}

plugin::result<shop_settings> read_shop(const reader& r, const std::string& key) {
  shop_settings s;
  s.key = key;
  std::string prefix = "shop." + key + ".";
  auto id = r.config.get_string(prefix + "id");
  if (!id || id->empty())
    return r.fail(prefix + "id", "the shop's platform id (a string of digits)", "nothing");
  if (!std::all_of(id->begin(), id->end(), [](char c) { return c >= '0' && c <= '9'; }))
    return r.fail(prefix + "id", "a string of digits", in_quotes(*id));
  s.id = *id;
  s.name = r.config.get_string(prefix + "name").value_or(key);
  auto region = r.config.get_string(prefix + "region");
  if (!region || !detail::known_region(*region)) {
    std::string regions;
    for (const auto& k : detail::known_regions()) regions += (regions.empty() ? "" : ", ") + k;
    return r.fail(prefix + "region", "one of " + regions, region ? in_quotes(*region) : "nothing");
  }
  s.region = *region;
  s.seller_type = r.config.get_string(prefix + "seller_type").value_or("LOCAL");
  if (s.seller_type != "LOCAL" && s.seller_type != "CROSS_BORDER")
    return r.fail(prefix + "seller_type", "\"CROSS_BORDER\" or \"LOCAL\"", in_quotes(s.seller_type));
  s.seller = r.config.get_string(prefix + "seller").value_or(key);
  s.seller_name = r.config.get_string(prefix + "seller_name").value_or(s.name);
  auto orders = read_count(r, prefix + "orders", 40, 0, 5000);
  if (!orders) return orders.err();
  s.orders = *orders;
  auto products = read_count(r, prefix + "products", 12, 1, 500);
  if (!products) return products.err();
  s.products = *products;
  return s;
}

}  // namespace

plugin::result<settings> read_settings(const plugin::config_view& config, std::string_view data_dir) {
  reader r{config, config.origin()};
  static const std::vector<std::string> known = {"app_key",
                                                 "app_secret_file",
                                                 "seed",
                                                 "shops",
                                                 "shop",
                                                 "webhook_url",
                                                 "fault_rate_429",
                                                 "fault_rate_500",
                                                 "fault_rate_503",
                                                 "fault_rate_timeout",
                                                 "fault_rate_lost_answer",
                                                 "fault_paths",
                                                 "fault_timeout_stall_ms",
                                                 "call_log_size",
                                                 "persist_interval_ms"};
  for (const auto& k : config.keys()) {
    std::string first = k.substr(0, k.find('.'));
    if (std::find(known.begin(), known.end(), first) != known.end()) continue;
    std::string best;
    std::size_t best_distance = 4;
    for (const auto& candidate : known)
      if (auto d = edit_distance(first, candidate); d < best_distance) {
        best_distance = d;
        best = candidate;
      }
    std::string all;
    for (const auto& candidate : known) all += (all.empty() ? "" : ", ") + candidate;
    return r.fail(k, "one of " + all,
                  in_quotes(k) + (best.empty() ? "" : " (did you mean \"" + best + "\"?)"));
  }

  settings s;
  s.origin = r.origin;
  s.data_dir = std::filesystem::path(std::string(data_dir));
  auto app_key = config.get_string("app_key");
  if (!app_key || app_key->empty()) return r.fail("app_key", "the app key the simulator accepts", "nothing");
  s.app_key = *app_key;
  auto secret_file = config.get_string("app_secret_file");
  if (!secret_file || secret_file->empty())
    return r.fail("app_secret_file", "a path to a file holding the app secret", "nothing");
  auto secret = read_secret_file(r, *secret_file);
  if (!secret) return secret.err();
  s.app_secret = std::move(*secret);
  if (auto seed = config.get_int("seed")) {
    if (*seed < 0) return r.fail("seed", "a non-negative integer", std::to_string(*seed));
    s.seed = static_cast<std::uint64_t>(*seed);
  } else if (config.get_string("seed")) {
    return r.fail("seed", "an integer", "a string");
  }
  s.webhook_url = config.get_string("webhook_url").value_or("");
  auto faults = read_faults(r);
  if (!faults) return faults.err();
  s.faults = std::move(*faults);
  auto log_size = read_count(r, "call_log_size", 10000, 0, 1000000);
  if (!log_size) return log_size.err();
  s.call_log_size = static_cast<std::size_t>(*log_size);
  auto interval = read_count(r, "persist_interval_ms", 500, 0, 60000);
  if (!interval) return interval.err();
  s.persist_interval_ms = *interval;
  auto shops = config.get_strings("shops");
  if (!shops) {
    if (config.get_string("shops")) return r.fail("shops", "an array of shop keys", "a string");
    shops.emplace();
  }
  for (const auto& key : *shops) {
    if (key.empty()) return r.fail("shops", "non-empty shop keys", "\"\"");
    auto shop = read_shop(r, key);
    if (!shop) return shop.err();
    for (const auto& other : s.shops) {
      if (other.key == shop->key) return r.fail("shops", "each shop key once", in_quotes(key) + " twice");
      if (other.id == shop->id)
        return r.fail("shop." + key + ".id", "an id no other shop uses",
                      in_quotes(shop->id) + " (also shop " + other.key + ")");
    }
    s.shops.push_back(std::move(*shop));
  }
  return s;
}

}  // namespace kingkung::sim
