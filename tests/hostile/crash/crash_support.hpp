// What the crash tests share: a seeded random source whose seed is printed (KINGKUNG_CRASH_SEED replays
// one), child processes that are killed with SIGKILL, and the SQLite checks made after each kill.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <soci/soci.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::hostile {

inline std::uint32_t crash_seed() {
  if (const char* fixed = std::getenv("KINGKUNG_CRASH_SEED")) return static_cast<std::uint32_t>(std::stoul(fixed));
  return std::random_device{}();
}

// A child process with its stdout on a pipe, its stderr appended to `log`, and an environment of PATH only.
class child {
 public:
  child(std::vector<std::string> args, const std::filesystem::path& log) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("no pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test that crashed
      int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(out[1], STDOUT_FILENO);
      if (log_fd >= 0) ::dup2(log_fd, STDERR_FILENO);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      char path_var[] = "PATH=/usr/bin:/bin";
      char* envp[] = {path_var, nullptr};
      ::execve(argv[0], argv.data(), envp);
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
  }
  ~child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  child(const child&) = delete;
  child& operator=(const child&) = delete;

  // Collects stdout for `wait` (less when the child closes its stdout first).
  void read_for(std::chrono::milliseconds wait) {
    auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || out_ < 0) return;
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return;
      if (!read_once()) return;
    }
  }
  // SIGKILL, reap, then read whatever the child had written before it died. The exit as wait() says.
  int kill_now() {
    ::kill(pid_, SIGKILL);
    int code = wait();
    while (read_once()) {
    }
    return code;
  }
  // Waits for the exit (reading stdout meanwhile): the exit code, or minus the signal.
  int wait() {
    while (read_once()) {
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }
  const std::string& output() const { return output_; }

 private:
  bool read_once() {
    if (out_ < 0) return false;
    char buf[4096];
    auto n = ::read(out_, buf, sizeof buf);
    if (n <= 0) {
      ::close(out_);
      out_ = -1;
      return false;
    }
    output_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
  std::string output_;
};

inline std::unique_ptr<storage::database> open_sqlite(const std::filesystem::path& file) {
  auto url = storage::database_url::parse("sqlite3:" + file.string());
  if (!url) throw std::runtime_error(url.err().message);
  auto db = storage::database::open(*url, 1);
  if (!db) throw std::runtime_error(db.err().message);
  return std::move(*db);
}

// An integer column of a row, whatever width the backend reports for it.
inline long long integer_at(const soci::row& row, std::size_t i) {
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
    default: return std::stoll(row.get<std::string>(i));
  }
}

// PRAGMA integrity_check's answer: "ok" for a sound file.
inline std::string integrity(storage::database& db) {
  std::string verdict;
  *db.acquire() << "PRAGMA integrity_check", soci::into(verdict);
  return verdict;
}

}  // namespace kingkung::hostile
