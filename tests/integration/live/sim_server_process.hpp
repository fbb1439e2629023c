// `kingkung sim-server` as a child process for wire tests: started with the arguments given, its URL read
// from the first line it prints, stopped with SIGTERM. A process still running when the object goes (a
// failed test) is killed, so no test leaves a server behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kingkung::live_test {

class sim_server_process {
 public:
  // Spawns `binary` with `args` (argv[1..]); stdout is read for the URL, stderr goes to `stderr_file`
  // (a file, so a chatty server never blocks on a full pipe). The child gets no environment of the test
  // beyond PATH, so no secret of the caller leaks into it.
  sim_server_process(std::string binary, std::vector<std::string> args, std::string stderr_file);
  ~sim_server_process();
  sim_server_process(const sim_server_process&) = delete;
  sim_server_process& operator=(const sim_server_process&) = delete;

  // The first line of output (the URL it serves), or nothing when the process ended or printed nothing
  // within `limit`. Then `problem()` says why.
  std::optional<std::string> wait_for_url(std::chrono::milliseconds limit);

  // SIGTERM, then waits up to `limit`; the exit code, or nothing when it was killed or did not exit in
  // time (it is killed then).
  std::optional<int> stop(std::chrono::milliseconds limit);

  bool running() const noexcept { return pid_ > 0; }
  // What went wrong, with whatever the process wrote to stderr.
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string read_stderr() const;
  void kill_now();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stderr_file_;
  std::string pending_;
  std::string problem_;
};

}  // namespace kingkung::live_test
