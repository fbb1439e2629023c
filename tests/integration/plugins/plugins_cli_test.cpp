// `kingkung plugins inspect` run as a process against the fixture plugins.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kingkung/plugin/version.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct run_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Runs the CLI with `args` and the extra environment `env` ("NAME=value") from a scratch working
// folder, so no config file is found by accident.
run_result run_kingkung(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  const std::string binary = KINGKUNG_BINARY_DIR "/bin/kingkung";
  std::vector<char*> envp;
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    if (::chdir(fs::temp_directory_path().c_str()) != 0) ::_exit(126);
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execve(binary.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  run_result out;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
    out.output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string fixture(std::string_view id) {
  return (fs::path(KINGKUNG_FIXTURE_PLUGIN_DIR) / ("lib" + std::string(id) + ".so")).string();
}

TEST(PluginHostCli, InspectGoodPluginPrintsItsDescriptorAndWouldLoad) {
  auto run = run_kingkung({"plugins", "inspect", fixture("fixture-good")});

  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("id:               fixture-good\n"));
  EXPECT_THAT(run.output, HasSubstr("version:          1.2.3\n"));
  EXPECT_THAT(run.output, HasSubstr("kinds:            transport, market-module\n"));
  EXPECT_THAT(run.output, HasSubstr("transports:       fixture-echo\n"));
  EXPECT_THAT(run.output, HasSubstr("market modules:   fixture-module\n"));
  EXPECT_THAT(run.output, HasSubstr("\nwould load\n"));
}

TEST(PluginHostCli, InspectWrongBuildTagSaysWhyItWouldBeRefused) {
  auto run = run_kingkung({"plugins", "inspect", fixture("fixture-wrong-build-tag")});

  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr("id:               fixture-wrong-build-tag\n"));
  EXPECT_THAT(run.output, HasSubstr("would be refused: build tag: expected \"" KINGKUNG_PLUGIN_BUILD_TAG
                                    "\", found \"clang-99/libc++-1/api-1\"\n"));
  EXPECT_THAT(run.output, Not(HasSubstr("would load")));
}

TEST(PluginHostCli, InspectOtherMajorShowsOnlyTheFieldsEveryVersionShares) {
  auto run = run_kingkung({"plugins", "inspect", fixture("fixture-other-major")});

  EXPECT_EQ(run.exit_code, 1) << run.output;
  const std::string major = std::to_string(kingkung::plugin::api_major);
  const std::string minor = std::to_string(kingkung::plugin::api_minor);
  EXPECT_THAT(run.output, HasSubstr("API version:      2.0 (host provides " + major + "." + minor + ")\n"));
  EXPECT_THAT(run.output, Not(HasSubstr("id:")));
  EXPECT_THAT(run.output, HasSubstr("would be refused: API major: expected " + major + ", found 2\n"));
}

TEST(PluginHostCli, InspectMissingFileSaysSo) {
  const std::string file = fixture("fixture-not-built");
  auto run = run_kingkung({"plugins", "inspect", file});

  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output, HasSubstr("would be refused: no such file: " + file + "\n"));
}

TEST(PluginHostCli, PluginsWithoutASubcommandIsAUsageError) {
  auto run = run_kingkung({"plugins"});

  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_THAT(run.output, HasSubstr("usage: kingkung [--config FILE] plugins list\n"));
}

// A config file of its own in a scratch folder, loading fixture plugins.
class plugins_config_file {
 public:
  explicit plugins_config_file(const std::string& load_list)
      : dir_(fs::temp_directory_path() / ("kingkung-plugins-cli-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
    std::ofstream(path()) << "[tiktok]\n"
                             "app_key = \"kk-plugins-test\"\n"
                             "\n"
                             "[database]\n"
                             "url = \"sqlite3::memory:\"\n"
                             "\n"
                             "[plugins]\n"
                             "dir = \"" KINGKUNG_FIXTURE_PLUGIN_DIR
                             "\"\n"
                             "load = [" +
                                 load_list + "]\n";
  }
  ~plugins_config_file() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path() const { return (dir_ / "kingkung.toml").string(); }

 private:
  fs::path dir_;
};

const std::vector<std::string> test_secret_env{"KINGKUNG_TIKTOK_APP_SECRET=plugins-cli-test-secret"};

TEST(PluginHostCli, ListShowsEachConfiguredPluginWithStatusReasonAndComponents) {
  plugins_config_file config(R"("fixture-good", "fixture-wrong-build-tag", "fixture-not-built")");
  auto run = run_kingkung({"--config", config.path(), "plugins", "list"}, test_secret_env);

  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_THAT(run.output,
              ::testing::ContainsRegex("fixture-good +1\\.2\\.3 +1\\.0 +transport, market-module +loaded +"
                                       "transports: fixture-echo; market modules: fixture-module\n"));
  EXPECT_THAT(run.output,
              ::testing::ContainsRegex("fixture-wrong-build-tag +1\\.0\\.0 +1\\.0 +transport +refused +-\n"
                                       "    reason: build tag: expected "));
  EXPECT_THAT(run.output, ::testing::ContainsRegex("fixture-not-built +- +- +- +missing +-\n"
                                                   "    reason: no such file: "));
}

TEST(PluginHostCli, ListExitsZeroWhenEveryPluginLoads) {
  plugins_config_file config(R"("fixture-good")");
  auto run = run_kingkung({"--config", config.path(), "plugins", "list"}, test_secret_env);

  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("plugin folder: " KINGKUNG_FIXTURE_PLUGIN_DIR "\n"));
  EXPECT_THAT(run.output, Not(HasSubstr("reason:")));
}

}  // namespace
