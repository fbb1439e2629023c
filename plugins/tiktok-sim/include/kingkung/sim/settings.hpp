// The simulator's settings, read from its plugin config table ([plugins.config.tiktok-sim]):
//
//   app_key = "sim-app-key"
//   app_secret_file = "var/sim-app-secret"     # the secret is read from this file and trimmed
//   seed = 20240601                            # demo data is a pure function of the seed
//   shops = ["demo-mx", "demo-br"]
//   webhook_url = "http://127.0.0.1:8080/webhooks/tiktok"   # optional; loopback only
//   [plugins.config.tiktok-sim.shop.demo-mx]
//   id = "7495540735365777507"  name = "Demo MX"  region = "MX"  seller_type = "CROSS_BORDER"
//   orders = 60  products = 15                 # optional: seller = "<group>", seller_name = "..."
//
// Optional, for tests and demos of failure handling (docs/simulator.md, "Faults"):
//   fault_rate_429 = 0.02   fault_rate_500 = 0.01   fault_rate_503 = 0.0
//   fault_rate_timeout = 0.0   fault_rate_lost_answer = 0.0   fault_paths = ["/order/*"]
//   fault_timeout_stall_ms = 0   call_log_size = 10000   persist_interval_ms = 500
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::sim {

struct shop_settings {
  std::string key;  // config name, e.g. "demo-mx"
  std::string id;   // platform shop id
  std::string name;
  std::string region;       // "MX", "BR", "US", ...
  std::string seller_type;  // "CROSS_BORDER" or "LOCAL"
  std::string seller;       // seller group: one token covers every shop of a seller (default: the key)
  std::string seller_name;  // token's seller_name (default: the shop name)
  int orders = 40;          // demo orders generated on first start
  int products = 12;        // demo products generated on first start
};

// Shares of platform calls that fail on purpose, each in [0, 1], together at most 1.
struct fault_settings {
  double rate_429 = 0;
  double rate_500 = 0;
  double rate_503 = 0;
  double rate_timeout = 0;
  double rate_lost_answer = 0;
  std::vector<std::string> paths{"*"};  // official path patterns the rates apply to; '*' matches anything
  int timeout_stall_ms = 0;             // how long a timeout fault holds the call before reporting it
};

struct settings {
  std::string app_key;
  std::string app_secret;  // never logged, never written to the snapshot
  std::uint64_t seed = 1;
  std::vector<shop_settings> shops;
  std::string webhook_url;         // empty: no default webhook address
  std::filesystem::path data_dir;  // empty: state is kept in memory only
  std::string origin;              // where the settings came from, for messages
  fault_settings faults;
  std::size_t call_log_size = 10000;  // platform calls kept in the call log
  int persist_interval_ms = 500;      // at most one state-file write per interval; 0: after every change
};

// Reads and validates the plugin's config table. Errors name the origin, the key, what was expected
// and what was found; they never contain the secret.
plugin::result<settings> read_settings(const plugin::config_view& config, std::string_view data_dir);

}  // namespace kingkung::sim
