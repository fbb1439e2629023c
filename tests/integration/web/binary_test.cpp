// The built kingkung-web binary: starts on a free port, prints where, serves /healthz and stops cleanly
// on SIGTERM; a broken config makes it exit 1 with the reason.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "../http/test_client.hpp"
#include "web_test_config.hpp"

namespace {

using namespace kingkung;

// A generous bound so a broken binary fails the test instead of hanging it; no timing is asserted.
constexpr int child_safety_timeout_ms = 60'000;

class child_process {
 public:
  explicit child_process(std::vector<std::string> args) {
    int out[2], err[2];
    if (::pipe(out) != 0 || ::pipe(err) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(err[1], STDERR_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::close(err[0]);
      ::close(err[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      char path_var[] = "PATH=/usr/bin:/bin";
      char* envp[] = {path_var,
                      nullptr};  // nothing inherited: no secrets or keys from the test's environment
      ::execve(argv[0], argv.data(), envp);
      ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    stdout_ = out[0];
    stderr_ = err[0];
  }
  ~child_process() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_ >= 0) ::close(stdout_);
    if (stderr_ >= 0) ::close(stderr_);
  }

  bool started() const { return pid_ > 0; }

  // Reads stdout until a line matches; nullopt when the output ends first.
  std::optional<std::smatch> wait_for_line(const std::regex& pattern) {
    for (;;) {
      for (auto nl = out_buffer_.find('\n'); nl != std::string::npos; nl = out_buffer_.find('\n')) {
        line_ = out_buffer_.substr(0, nl);
        out_buffer_.erase(0, nl + 1);
        std::smatch m;
        if (std::regex_search(line_, m, pattern)) return m;
      }
      if (!read_some(stdout_, out_buffer_)) return std::nullopt;
    }
  }

  std::string read_all_stderr() {
    std::string all;
    while (read_some(stderr_, all)) {
    }
    return all;
  }

  void signal(int sig) { ::kill(pid_, sig); }

  // The exit status, or nullopt when killed by a signal.
  std::optional<int> wait_exit() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    exited_ = true;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return std::nullopt;
  }

 private:
  static bool read_some(int fd, std::string& into) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, child_safety_timeout_ms) <= 0) return false;
    char buf[4096];
    auto n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    into.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  bool exited_ = false;
  std::string out_buffer_;
  std::string line_;
};

const std::string binary = KINGKUNG_BINARY_DIR "/bin/kingkung-web";

TEST(WebHealthBinary, ServesHealthzOnTheAnnouncedPortAndExitsCleanlyOnSigterm) {
  test::web_test_config config;
  child_process web(
      {binary, "--config", config.write({"fixture-good"}, test::one_shop).string(), "--port", "0"});
  ASSERT_TRUE(web.started());
  auto announced = web.wait_for_line(std::regex(R"(KingKung Seller Center on http://127\.0\.0\.1:(\d+)/)"));
  ASSERT_TRUE(announced) << web.read_all_stderr();
  auto port = static_cast<std::uint16_t>(std::stoi((*announced)[1].str()));

  auto res = test::fetch(port, "GET", "/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 200) << res->body();
  auto body = boost::json::parse(res->body()).as_object();
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("shops").as_array().size(), 1u);

  web.signal(SIGTERM);
  EXPECT_EQ(web.wait_exit(), 0);
}

TEST(WebHealthBinary, AnnouncesTheDemoSignInWhenTheDemoIsOn) {
  test::web_test_config config;
  auto file = config.write(
      {"fixture-good"},
      "[demo]\nenabled = true\nemail = \"demo@kingkung.example\"\npassword = \"demo-pass-123\"\n");
  child_process web({binary, "--config", file.string(), "--port", "0"});
  ASSERT_TRUE(web.started());
  ASSERT_TRUE(web.wait_for_line(std::regex("KingKung Seller Center on ")));
  auto demo = web.wait_for_line(std::regex("demo@kingkung\\.example.*demo-pass-123"));
  EXPECT_TRUE(demo);
  web.signal(SIGINT);
  EXPECT_EQ(web.wait_exit(), 0);
}

TEST(WebHealthBinary, ConfigErrorExitsWith1AndSaysWhere) {
  test::web_test_config config;
  auto file = config.write({"fixture-good"}, "[sync]\ninterval_seconds = \"often\"\n");
  child_process web({binary, "--config", file.string(), "--port", "0"});
  ASSERT_TRUE(web.started());
  auto err = web.read_all_stderr();
  EXPECT_EQ(web.wait_exit(), 1);
  EXPECT_NE(err.find("kingkung.toml"), std::string::npos) << err;
  EXPECT_NE(err.find("interval_seconds"), std::string::npos) << err;
}

TEST(WebHealthBinary, UnknownArgumentIsAUsageError) {
  child_process web({binary, "--bogus"});
  ASSERT_TRUE(web.started());
  auto err = web.read_all_stderr();
  EXPECT_EQ(web.wait_exit(), 2);
  EXPECT_NE(err.find("--bogus"), std::string::npos) << err;
}

}  // namespace
