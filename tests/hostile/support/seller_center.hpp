// The built kingkung-web as a child process, set up the way a seller runs it: a config file in a fresh
// temporary folder (SQLite, the built simulator with the three demo shops and their market modules, the
// demo sign-in), the shops synced once by `kingkung serve-sync --once` before the host starts (the host
// itself runs no sync workers, so nothing changes under a test unless a request changes it), and
// kingkung-web on 127.0.0.1 with a free port and small limits. Stopped with SIGTERM (SIGKILL if it does
// not stop) and the folder removed on destruction.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "raw_http.hpp"

namespace kingkung::storage {
class database;
}

namespace kingkung::hostile {

inline constexpr std::string_view demo_email = "demo@kingkung.example";
inline constexpr std::string_view demo_password = "kingkung-demo";
inline constexpr std::string_view other_email = "other-seller@example.com";
inline constexpr std::string_view other_password = "other-seller-password";
inline constexpr std::string_view mx_shop_id = "7495610013482590221";
inline constexpr std::string_view br_shop_id = "7496002287415330818";
inline constexpr std::string_view us_shop_id = "7494883102967740417";

// The limits written into [server]; the tests go over them.
inline constexpr std::size_t max_header_bytes = 4096;
inline constexpr std::size_t max_body_bytes = 65536;
inline constexpr int read_timeout_seconds = 3;

struct seller_center_options {
  bool other_seller = false;  // add a second seller (other_email) with no shops, by `kingkung users add`
};

// A signed-in browser: the session cookie and the CSRF token the sign-in answer gave.
struct session {
  std::string cookie;  // "kk_session=..."
  std::string csrf;
};

// What a seller can see through the API, and the rows a hostile request could add, at one moment.
struct state_snapshot {
  std::string orders;
  std::string products;
  std::string packages;
  std::string shops;  // id and state of each shop
  std::string users;
  long long sessions = 0;
  long long write_backs = 0;
  long long audit_entries = 0;
  long long oauth_states = 0;
  bool operator==(const state_snapshot&) const = default;
};
std::ostream& operator<<(std::ostream& out, const state_snapshot& s);

class seller_center {
 public:
  // Throws std::runtime_error saying which step failed (with the process's output) when it cannot start.
  explicit seller_center(seller_center_options options = {});
  ~seller_center();
  seller_center(const seller_center&) = delete;
  seller_center& operator=(const seller_center&) = delete;

  std::uint16_t port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string host_header() const { return "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n"; }
  const std::filesystem::path& dir() const { return dir_; }

  // POST /api/v1/session as the UI does; nullopt when the answer is not 200.
  std::optional<session> sign_in(std::string_view email = demo_email, std::string_view password = demo_password,
                                 std::string_view planted_cookie = {});

  // The bytes of one well-formed request: Host, the session's cookie, and for anything but GET the
  // host's own Origin and the CSRF token; `extra` is raw "Name: value\r\n" lines. Connection: close.
  std::string request(std::string_view method, std::string_view target, const session* who = nullptr,
                      std::string_view body = {}, std::string_view extra = {}) const;
  std::optional<response> send(std::string_view method, std::string_view target, const session* who = nullptr,
                               std::string_view body = {}, std::string_view extra = {}) const;

  // True when GET /healthz on a fresh connection answers 200.
  bool serves_normally() const;

  state_snapshot snapshot(const session& who);

  // The database file, opened by the test (a second reader beside the host).
  storage::database& database();
  long long count_rows(std::string_view table);

  // Ids read through the API for the tests' paths.
  struct sample_ids {
    std::string shop_id, order_id, product_id, sku_id, package_id, user_id;
  };
  sample_ids ids(const session& who) const;

 private:
  void write_config();
  void run_cli(const std::vector<std::string>& args, std::string_view stdin_text = {});

  std::filesystem::path dir_;
  std::filesystem::path config_;
  pid_t web_ = -1;
  std::uint16_t port_ = 0;
  std::unique_ptr<storage::database> db_;
};

}  // namespace kingkung::hostile
