#include "seller_center.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kingkung/storage/database.hpp"

namespace kingkung::hostile {

namespace fs = std::filesystem;

namespace {

const std::string web_binary = KINGKUNG_BINARY_DIR "/bin/kingkung-web";
const std::string cli_binary = KINGKUNG_BINARY_DIR "/bin/kingkung";
constexpr int start_wait_ms = 60'000;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// fork + execve with nothing of the test's environment but PATH (no secrets or keys leak in); stdout to
// `stdout_fd` (or /dev/null), stderr appended to `log`, stdin from `stdin_fd` (or /dev/null).
pid_t spawn(std::vector<std::string> args, const fs::path& log, int stdout_fd, int stdin_fd) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test that crashed
  int null_fd = ::open("/dev/null", O_RDWR);
  int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  ::dup2(stdin_fd >= 0 ? stdin_fd : null_fd, STDIN_FILENO);
  ::dup2(stdout_fd >= 0 ? stdout_fd : null_fd, STDOUT_FILENO);
  ::dup2(log_fd >= 0 ? log_fd : null_fd, STDERR_FILENO);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char path_var[] = "PATH=/usr/bin:/bin";
  char* envp[] = {path_var, nullptr};
  ::execve(argv[0], argv.data(), envp);
  ::_exit(127);
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string cookie_of(const response& r) {
  for (const auto& v : r.all("set-cookie")) {
    auto semi = v.find(';');
    auto pair = v.substr(0, semi);
    if (pair.rfind("kk_session=", 0) == 0 && pair.size() > 11) return pair;
  }
  return {};
}

boost::json::value json_of(const std::optional<response>& r, std::string_view what) {
  if (!r || r->status != 200)
    throw std::runtime_error(std::string(what) + ": " + (r ? std::to_string(r->status) + " " + r->body : "no answer"));
  return boost::json::parse(r->body);
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const state_snapshot& s) {
  return out << "sessions=" << s.sessions << " write_backs=" << s.write_backs << " audit=" << s.audit_entries
             << " oauth_states=" << s.oauth_states << "\nshops=" << s.shops << "\nusers=" << s.users
             << "\norders(" << s.orders.size() << " bytes)\nproducts(" << s.products.size()
             << " bytes)\npackages(" << s.packages.size() << " bytes)";
}

seller_center::seller_center(seller_center_options options) {
  std::string pattern = (fs::temp_directory_path() / "kk-hostile-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("no temporary folder");
  dir_ = pattern;
  config_ = dir_ / "kingkung.toml";
  std::ofstream(dir_ / "app-secret") << "hostile-test-app-secret-5c1e\n";
  ::chmod((dir_ / "app-secret").c_str(), 0600);
  write_config();

  run_cli({cli_binary, "--config", config_.string(), "serve-sync", "--once"});
  if (options.other_seller)
    run_cli({cli_binary, "--config", config_.string(), "users", "add", std::string(other_email), "--seller",
             "Other Seller", "--role", "owner", "--password-stdin"},
            std::string(other_password) + "\n");

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("no pipe");
  web_ = spawn({web_binary, "--config", config_.string(), "--port", "0"}, dir_ / "web.log", out[1], -1);
  ::close(out[1]);
  std::string text;
  static const std::regex announced(R"(KingKung Seller Center on http://127\.0\.0\.1:(\d+)/)");
  std::smatch m;
  while (!std::regex_search(text, m, announced)) {
    pollfd p{out[0], POLLIN, 0};
    char buf[1024];
    ssize_t n = 0;
    if (::poll(&p, 1, start_wait_ms) <= 0 || (n = ::read(out[0], buf, sizeof buf)) <= 0) {
      ::close(out[0]);
      throw std::runtime_error("kingkung-web did not start: " + read_text(dir_ / "web.log"));
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

seller_center::~seller_center() {
  db_.reset();
  if (web_ > 0) {
    ::kill(web_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300 && ::waitpid(web_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (::waitpid(web_, &status, WNOHANG) == 0) {
      ::kill(web_, SIGKILL);
      ::waitpid(web_, &status, 0);
    }
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void seller_center::write_config() {
  std::ofstream out(config_);
  out << "[server]\nlisten = \"127.0.0.1\"\nport = 8080\nthreads = 2\nrun_sync_workers = false\n"
      << "max_header_bytes = " << max_header_bytes << "\nmax_body_bytes = " << max_body_bytes
      << "\nread_timeout_seconds = " << read_timeout_seconds << "\nidle_timeout_seconds = 5\n\n"
      << "[database]\nurl = \"sqlite3:var/kingkung.db\"\npool_size = 4\n\n"
      << "[vault]\nkey_file = \"var/master.key\"\n\n"
      << "[tiktok]\napp_key = \"kk-hostile-app\"\napp_secret_file = \"app-secret\"\nmax_retries = 1\n\n"
      << "[transports]\ndefault = \"tiktok-sim\"\n\n"
      << "[plugins]\ndir = \"" << KINGKUNG_PLUGIN_DIR << "\"\nload = [\"tiktok-sim\", \"mx-split\", \"br-invoice\"]\n\n"
      << "[plugins.config.tiktok-sim]\napp_key = \"kk-hostile-app\"\napp_secret_file = \"app-secret\"\n"
      << "seed = 1129\nshops = [\"demo-mx\", \"demo-br\", \"demo-us\"]\n\n"
      << "[markets.MX]\nmodules = [\"mx-split\"]\n\n[markets.BR]\nmodules = [\"br-invoice\"]\n\n";
  struct shop {
    const char* key;
    std::string_view id;
    const char* region;
    const char* type;
  };
  for (const auto& s : {shop{"demo-mx", mx_shop_id, "MX", "CROSS_BORDER"}, shop{"demo-br", br_shop_id, "BR", "LOCAL"},
                        shop{"demo-us", us_shop_id, "US", "LOCAL"}}) {
    out << "[plugins.config.tiktok-sim.shop." << s.key << "]\nid = \"" << s.id << "\"\nregion = \"" << s.region
        << "\"\nseller_type = \"" << s.type << "\"\norders = 12\n\n";
    out << "[[shops]]\nkey = \"" << s.key << "\"\nshop_id = \"" << s.id << "\"\nregion = \"" << s.region
        << "\"\nseller_type = \"" << s.type << "\"\ntransport = \"tiktok-sim\"\ndemo = true\n\n";
  }
  out << "[demo]\nenabled = true\nemail = \"" << demo_email << "\"\npassword = \"" << demo_password << "\"\n\n"
      << "[log]\nlevel = \"warn\"\n";
}

void seller_center::run_cli(const std::vector<std::string>& args, std::string_view stdin_text) {
  int in[2];
  if (::pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("no pipe");
  pid_t pid = spawn(args, dir_ / "cli.log", -1, in[0]);
  ::close(in[0]);
  if (!stdin_text.empty()) [[maybe_unused]] auto n = ::write(in[1], stdin_text.data(), stdin_text.size());
  ::close(in[1]);
  if (int code = wait_exit(pid); code != 0)
    throw std::runtime_error("kingkung " + args[3] + " exited with " + std::to_string(code) + ": " +
                             read_text(dir_ / "cli.log"));
}

std::optional<session> seller_center::sign_in(std::string_view email, std::string_view password,
                                              std::string_view planted_cookie) {
  boost::json::object body{{"email", email}, {"password", password}};
  std::string extra = "Origin: " + origin() + "\r\nContent-Type: application/json\r\n";
  if (!planted_cookie.empty()) extra += "Cookie: " + std::string(planted_cookie) + "\r\n";
  auto r = round_trip(port_, request("POST", "/api/v1/session", nullptr, boost::json::serialize(body), extra));
  if (!r || r->status != 200) return std::nullopt;
  session s;
  s.cookie = cookie_of(*r);
  s.csrf = std::string(boost::json::parse(r->body).at("csrf_token").as_string());
  return s;
}

std::string seller_center::request(std::string_view method, std::string_view target, const session* who,
                                   std::string_view body, std::string_view extra) const {
  std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n" + host_header();
  if (who) {
    out += "Cookie: " + who->cookie + "\r\n";
    if (method != "GET" && method != "HEAD")
      out += "Origin: " + origin() + "\r\nX-CSRF-Token: " + who->csrf + "\r\n";
  }
  if (!body.empty() && who) out += "Content-Type: application/json\r\n";
  out += std::string(extra);
  if (!body.empty() || (method != "GET" && method != "HEAD"))
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  out += body;
  return out;
}

std::optional<response> seller_center::send(std::string_view method, std::string_view target, const session* who,
                                            std::string_view body, std::string_view extra) const {
  return round_trip(port_, request(method, target, who, body, extra));
}

bool seller_center::serves_normally() const {
  auto r = send("GET", "/healthz");
  return r && r->status == 200 && r->body.find("\"ok\"") != std::string::npos;
}

storage::database& seller_center::database() {
  if (!db_) {
    auto url = storage::database_url::parse("sqlite3:" + (dir_ / "var" / "kingkung.db").string());
    if (!url) throw std::runtime_error(url.err().message);
    auto opened = storage::database::open(*url, 1);
    if (!opened) throw std::runtime_error(opened.err().message);
    db_ = std::move(*opened);
  }
  return *db_;
}

long long seller_center::count_rows(std::string_view table) {
  long long n = 0;
  *database().acquire() << "SELECT count(*) FROM " + std::string(table), soci::into(n);
  return n;
}

state_snapshot seller_center::snapshot(const session& who) {
  state_snapshot s;
  s.orders = boost::json::serialize(json_of(send("GET", "/api/v1/orders?page_size=200", &who), "orders"));
  s.products = boost::json::serialize(json_of(send("GET", "/api/v1/products?page_size=200", &who), "products"));
  s.packages = boost::json::serialize(
      json_of(send("GET", "/api/v1/packages", &who), "packages").at("packages"));
  auto shops = json_of(send("GET", "/api/v1/shops", &who), "shops");
  for (const auto& shop : shops.at("shops").as_array())
    s.shops += std::string(shop.at("id").as_string()) + ":" + std::string(shop.at("state").as_string()) + " ";
  s.users = boost::json::serialize(json_of(send("GET", "/api/v1/users", &who), "users"));
  s.sessions = count_rows("sessions");
  s.write_backs = count_rows("write_back_queue");
  s.audit_entries = count_rows("audit_log");
  s.oauth_states = count_rows("oauth_states");
  return s;
}

seller_center::sample_ids seller_center::ids(const session& who) const {
  sample_ids out;
  out.shop_id = std::string(mx_shop_id);
  auto orders = json_of(send("GET", "/api/v1/orders?page_size=1&shop_id=" + out.shop_id, &who), "orders");
  out.order_id = std::string(orders.at("orders").at(0).at("id").as_string());
  auto products = json_of(send("GET", "/api/v1/products?page_size=1&shop_id=" + out.shop_id, &who), "products");
  const auto& product = products.at("products").at(0);
  out.product_id = std::string(product.at("id").as_string());
  out.sku_id = std::string(product.at("skus").at(0).at("id").as_string());
  auto packages = json_of(send("GET", "/api/v1/packages?shop_id=" + out.shop_id, &who), "packages");
  const auto& list = packages.at("packages").as_array();
  out.package_id = list.empty() ? "1154000000000000456" : std::string(list.at(0).at("id").as_string());
  auto me = json_of(send("GET", "/api/v1/session", &who), "session");
  out.user_id = std::string(me.at("user").at("id").as_string());
  return out;
}

}  // namespace kingkung::hostile
