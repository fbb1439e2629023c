// How the ratio benches print what they measured: one line per figure,
//   figure <name> <value> <unit>
// which scripts/bench collects into its table, plus the machine's load average at the time.
#pragma once

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::bench {

inline void figure(std::string_view name, double value, std::string_view unit) {
  std::printf("figure %.*s %.6g %.*s\n", int(name.size()), name.data(), value, int(unit.size()), unit.data());
  std::fflush(stdout);
}

inline std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

inline void note_load(std::string_view what) {
  std::printf("load %.*s %s\n", int(what.size()), what.data(), load_average().c_str());
  std::fflush(stdout);
}

inline double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time (user + system) this process has used so far, in seconds. Other engineers compile on the
// same cores all day: CPU time is the figure that load does not stretch, wall time the one users feel.
inline double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

// CPU time of the calling thread, in microseconds.
inline double thread_cpu_micros() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Nearest-rank percentile of samples (microseconds); sorts a copy.
inline double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  return samples[std::clamp<std::size_t>(rank, 1, samples.size()) - 1];
}

// "--name value" from argv, or `fallback`.
inline std::string option(int argc, char** argv, std::string_view name, std::string fallback = {}) {
  for (int i = 1; i + 1 < argc; ++i)
    if (name == argv[i]) return argv[i + 1];
  return fallback;
}

}  // namespace kingkung::bench
