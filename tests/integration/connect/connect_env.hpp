// End-to-end support for the connect tests: the real simulator (sim_env), a migrated SQLite database in a
// temporary folder, a token vault with a fresh key, a config that puts every shop on the simulator, and
// the product's shop_links and connect_service on top, all reading the simulator's manual timeline.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "../tiktok_sim/sim_env.hpp"
#include "kingkung/connect/connect_service.hpp"
#include "kingkung/connect/notices.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/token_vault.hpp"

namespace kingkung::connect_test {

namespace sim = tiktok_sim_test;

inline constexpr std::string_view public_url = "http://127.0.0.1:8080";

inline config::app_config simulator_config() {
  config::app_config c;
  c.default_transport = "tiktok-sim";
  c.server.public_url = std::string(public_url);
  c.tiktok.app_key = std::string(sim::app_key);
  c.tiktok.app_secret = secret(std::string(sim::app_secret));
  c.tiktok.service_id = "kk-test-service";
  c.tiktok.max_retries = 0;
  c.tiktok.qps_per_api = 1000;
  config::market_config br;
  br.region = "BR";
  br.modules = {"br-invoice"};
  c.markets["BR"] = br;
  auto demo_shop = [](std::string key, std::string_view id, std::string region, std::string type) {
    config::shop_config s;
    s.key = std::move(key);
    s.shop_id = std::string(id);
    s.region = std::move(region);
    s.seller_type = std::move(type);
    s.transport = "tiktok-sim";
    s.demo = true;
    return s;
  };
  auto mx = demo_shop("demo-mx", sim::mx_shop_id, "MX", "CROSS_BORDER");
  mx.modules = {"mx-split"};
  mx.modules_set = true;
  c.shops.push_back(mx);
  c.shops.push_back(demo_shop("demo-br", sim::br_shop_id, "BR", "LOCAL"));
  c.shops.push_back(demo_shop("demo-us", sim::us_shop_id, "US", "LOCAL"));
  c.demo.enabled = true;
  c.demo.seller_name = "Demo Seller";
  c.demo.email = "demo@kingkung.example";
  c.demo.password = "kingkung-demo";
  return c;
}

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The value of one query parameter of a URL (no decoding: the values here are URL-safe).
inline std::string query_value(const std::string& url, const std::string& name) {
  auto start = url.find(name + "=");
  while (start != std::string::npos && start > 0 && url[start - 1] != '?' && url[start - 1] != '&')
    start = url.find(name + "=", start + 1);
  if (start == std::string::npos) return {};
  start += name.size() + 1;
  return url.substr(start, url.find('&', start) - start);
}

class connect_env {
 public:
  explicit connect_env(config::app_config cfg = simulator_config(), sim::env_options sim_options = small_sim())
      : sim(sim_options), config(std::move(cfg)) {
    std::string pattern = (std::filesystem::temp_directory_path() / "kk-connect-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("no temporary folder");
    dir_ = pattern;
    auto url = storage::database_url::parse("sqlite3:" + (dir_ / "kingkung.db").string());
    if (!url) throw std::runtime_error(url.err().message);
    auto opened = storage::database::open(*url, 3);
    if (!opened) throw std::runtime_error(opened.err().message);
    db = std::move(*opened);
    auto migrated = storage::migrate(*db);
    if (!migrated) throw std::runtime_error(migrated.err().message);
    vault = std::make_unique<vault::token_vault>(vault::keyring({vault::master_key::generate()}));
    clock = std::make_shared<sim::timeline::wall>(sim.time);
    make_links();
  }

  ~connect_env() {
    service.reset();
    links.reset();
    db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static sim::env_options small_sim() {
    sim::env_options o;
    o.mx_orders = 2;
    o.br_orders = 2;
    o.us_orders = 2;
    return o;
  }

  void make_links(std::chrono::seconds margin = std::chrono::seconds{3600}) {
    service.reset();
    links.reset();
    connect::shop_links_services s;
    s.clock = clock;
    s.pacing = std::make_shared<sim::timeline::pacing>(sim.time);
    s.jitter = [](std::int64_t max) { return max; };
    s.observer = sim.observer;
    s.tokens.refresh_margin = margin;
    auto transport = sim.transport;
    links = std::make_unique<connect::shop_links>(
        config, *db, *vault,
        [transport](std::string_view name) -> plugin::result<std::shared_ptr<plugin::transport>> {
          if (name != "tiktok-sim")
            return plugin::make_error(plugin::errc::not_found, "no transport " + std::string(name));
          return transport;
        },
        s);
    connect::connect_options o;
    o.clock = clock;
    service = std::make_unique<connect::connect_service>(config, *db, *vault, *links, o);
  }

  // A seller with one owner account: {seller id, user id}.
  std::pair<std::int64_t, std::int64_t> add_account(const std::string& name) {
    auto seller = storage::seller_repository(*db).create(name);
    if (!seller) throw std::runtime_error(seller.err().message);
    domain::user u;
    u.seller_id = seller->id;
    u.email = name + "@kingkung.test";
    u.password_hash = "$scrypt$test";
    u.user_role = domain::role::owner;
    auto user = storage::user_repository(*db).add(u);
    if (!user) throw std::runtime_error(user.err().message);
    return {seller->id, user->id};
  }

  // begin -> simulator consent for `shop` -> the callback URL's code and state.
  struct callback {
    std::string code;
    std::string state;
  };
  callback authorize(std::int64_t seller, std::int64_t user, std::string_view shop) {
    auto start = service->begin(seller, user, "/shops");
    if (!start) throw std::runtime_error("begin: " + start.err().message);
    auto redirect = service->simulator_consent(start->state, shop);
    if (!redirect) throw std::runtime_error("consent: " + redirect.err().message);
    return {query_value(*redirect, "code"), query_value(*redirect, "state")};
  }

  // The whole connect flow for one simulator shop; the stored shop.
  domain::shop connect_shop(std::int64_t seller, std::int64_t user, std::string_view shop) {
    auto cb = authorize(seller, user, shop);
    auto done = service->complete(seller, user, cb.state, cb.code, "203.0.113.7");
    if (!done) throw std::runtime_error("complete: " + done.err().message);
    return stored_shop(std::string(shop));
  }

  domain::shop stored_shop(const std::string& id) {
    auto shop = storage::shop_repository(*db, *vault).get(id);
    if (!shop || !*shop) throw std::runtime_error("shop " + id + " is not stored");
    return **shop;
  }

  storage::sealed_token_row token_row(const std::string& shop_id, const std::string& kind) {
    auto row = storage::token_repository(*db).get(shop_id, kind);
    if (!row || !*row) throw std::runtime_error("no " + kind + " token for " + shop_id);
    return **row;
  }

  std::string plain_token(const std::string& shop_id, const std::string& kind) {
    auto row = token_row(shop_id, kind);
    auto plain = vault->open(shop_id, row.sealed);
    if (!plain) throw std::runtime_error(plain.err().message);
    return plain->reveal();
  }

  // Every byte SQLite holds for the database: the main file and the write-ahead log.
  std::string database_bytes() {
    return file_bytes(dir_ / "kingkung.db") + file_bytes(dir_ / "kingkung.db-wal");
  }

  // Moves the client's, the token source's and the simulator's shared clock forward.
  void advance(std::chrono::seconds by) { sim::timeline::pacing(sim.time).sleep_for(by); }

  std::size_t token_refreshes() { return sim.observer->count_path_prefix("/api/v2/token/refresh"); }
  std::size_t answers_with_code(std::int64_t code) {
    std::size_t n = 0;
    for (const auto& r : sim.observer->records)
      if (r.code == code) ++n;
    return n;
  }

  sim::sim_env sim;
  config::app_config config;
  std::unique_ptr<storage::database> db;
  std::unique_ptr<vault::token_vault> vault;
  std::shared_ptr<sim::timeline::wall> clock;
  std::unique_ptr<connect::shop_links> links;
  std::unique_ptr<connect::connect_service> service;

 private:
  std::filesystem::path dir_;
};

}  // namespace kingkung::connect_test
