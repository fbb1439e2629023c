// `kingkung sim-server` end to end: the CLI loads the plugin, serves it on loopback, maps token-host
// paths to the token host, and stops cleanly on SIGTERM. Skipped when the CLI has not been built.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "sim_test_support.hpp"

extern char** environ;

namespace {

using namespace simtest;

// Sends one request with Connection: close and returns the whole raw response.
std::string round_trip(std::uint16_t port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string out;
  char buf[4096];
  while (true) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 10000) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

class SimServerCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(KINGKUNG_CLI_FILE)) GTEST_SKIP() << KINGKUNG_CLI_FILE << " is not built";
    std::ofstream(dir.path() / "secret") << std::string(app_secret) << "\n";
    std::ofstream(dir.path() / "sim.toml")
        << "[database]\nurl = \"sqlite3:state/kingkung.db\"\n"
           "[vault]\nkey_file = \"state/master.key\"\n"
           "[tiktok]\napp_key = \""
        << app_key
        << "\"\napp_secret_file = \"secret\"\n"
           "[transports]\ndefault = \"tiktok-sim\"\n"
           "[plugins]\ndir = \""
        << std::filesystem::path(KINGKUNG_SIM_PLUGIN_FILE).parent_path().string()
        << "\"\n"
           "load = [\"tiktok-sim\"]\n"
           "[plugins.config.tiktok-sim]\napp_key = \""
        << app_key
        << "\"\n"
           "app_secret_file = \"secret\"\nshops = [\"demo-us\"]\n"
           "[plugins.config.tiktok-sim.shop.demo-us]\n"
           "id = \"7494883102967740417\"\nregion = \"US\"\norders = 5\n";
  }

  void TearDown() override {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out_fd >= 0) ::close(out_fd);
  }

  // Starts the server and returns the first line it prints (its URL).
  std::string start() {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return {};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::string config = (dir.path() / "sim.toml").string();
    std::vector<std::string> words = {KINGKUNG_CLI_FILE, "--config", config, "sim-server", "--port", "0"};
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid, KINGKUNG_CLI_FILE, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    out_fd = pipe_fds[0];
    if (rc != 0) return {};
    std::string line;
    char c;
    while (line.find('\n') == std::string::npos) {
      pollfd p{out_fd, POLLIN, 0};
      if (::poll(&p, 1, 30000) <= 0 || ::read(out_fd, &c, 1) != 1) break;
      line += c;
    }
    return line.substr(0, line.find('\n'));
  }

  // Waits for the process to end; its exit code, or -1 on a signal or after 20 seconds.
  int wait_exit() {
    for (int i = 0; i < 200; ++i) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return -1;
  }

  temp_dir dir;
  pid_t pid = -1;
  int out_fd = -1;
};

TEST_F(SimServerCommand, ServesTheSimulatorOnLoopbackAndStopsOnSigterm) {
  std::string url = start();
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0u) << url;
  auto port = static_cast<std::uint16_t>(std::stoi(url.substr(url.rfind(':') + 1)));

  std::string body = R"({"shop":"demo-us"})";
  auto authorize =
      round_trip(port,
                 "POST /__sim/authorize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 "Content-Length: " +
                     std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  EXPECT_EQ(authorize.rfind("HTTP/1.1 200", 0), 0u) << authorize;
  EXPECT_NE(authorize.find(R"("code":0)"), std::string::npos) << authorize;

  // Token paths reach the token host: a wrong app secret is its answer, not 36009009.
  auto token = round_trip(
      port, "GET /api/v2/token/get?app_key=" + std::string(app_key) +
                "&app_secret=wrong&auth_code=x&grant_type=authorized_code HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Connection: close\r\n\r\n");
  EXPECT_NE(token.find("Invalid `app_secret` query parameter."), std::string::npos) << token;

  auto unknown =
      round_trip(port, "GET /order/202309/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(unknown.rfind("HTTP/1.1 404", 0), 0u) << unknown;
  EXPECT_NE(unknown.find("36009009"), std::string::npos);

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(wait_exit(), 0);
}

}  // namespace
