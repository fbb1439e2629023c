#include "sim_server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

namespace kingkung::live_test {
namespace {

using clock_type = std::chrono::steady_clock;

int remaining_ms(clock_type::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

sim_server_process::sim_server_process(std::string binary, std::vector<std::string> args,
                                       std::string stderr_file)
    : stderr_file_(std::move(stderr_file)) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    problem_ = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);

  std::vector<std::string> words;
  words.push_back(binary);
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  std::string path_var = "PATH=/usr/bin:/bin";
  char* envp[] = {path_var.data(), nullptr};

  int rc = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  stdout_fd_ = out[0];
  if (rc != 0) {
    pid_ = -1;
    problem_ = "cannot start " + binary + ": " + std::strerror(rc);
  }
}

sim_server_process::~sim_server_process() {
  kill_now();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

std::optional<std::string> sim_server_process::wait_for_url(std::chrono::milliseconds limit) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = clock_type::now() + limit;
  for (;;) {
    if (auto nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready <= 0) {
      problem_ = "no URL printed within " + std::to_string(limit.count()) + " ms; stderr: " + read_stderr();
      return std::nullopt;
    }
    char buf[1024];
    auto n = ::read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) {
      problem_ = "the server ended before printing its URL: " + read_stderr();
      return std::nullopt;
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

std::optional<int> sim_server_process::stop(std::chrono::milliseconds limit) {
  if (pid_ <= 0) return std::nullopt;
  ::kill(pid_, SIGTERM);
  const auto deadline = clock_type::now() + limit;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      problem_ = "ended by signal " + std::to_string(WTERMSIG(status));
      return std::nullopt;
    }
    if (done < 0 || clock_type::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  problem_ = "did not exit within " + std::to_string(limit.count()) + " ms of SIGTERM; killed";
  kill_now();
  return std::nullopt;
}

std::string sim_server_process::read_stderr() const {
  std::ifstream in(stderr_file_);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void sim_server_process::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace kingkung::live_test
