// `kingkung sign`, run as a seller's engineer would run it (the CLI is built with the unit tests).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace {

struct run_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

run_result run_sign(const std::string& args, const std::string& secret_env = "e59af819cc") {
  std::string command = "KINGKUNG_TIKTOK_APP_SECRET='" + secret_env + "' '" + KINGKUNG_BINARY_DIR +
                        "/bin/kingkung' --config /nonexistent/kingkung.toml sign " + args + " 2>&1";
  run_result r;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[512];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(TiktokSignCli, PrintsTheOfficialVectorSignature) {
  auto r =
      run_sign("--method GET --path /authorization/202309/shops --app-key 29a39d --timestamp 1623812664");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(
      r.output.find("sign:            b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8"),
      std::string::npos)
      << r.output;
  EXPECT_NE(
      r.output.find("[app_secret]/authorization/202309/shopsapp_key29a39dtimestamp1623812664[app_secret]"),
      std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("timestamp:       1623812664"), std::string::npos) << r.output;
}

TEST(TiktokSignCli, NeverPrintsTheSecret) {
  auto r = run_sign(
      R"(--method POST --path /order/202309/orders/search --query page_size=20 --query shop_cipher=X --body '{"order_status":"UNPAID"}' --app-key k --timestamp 1700000000)",
      "cli-secret-value-9");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("cli-secret-value-9"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(R"(shop_cipherXtimestamp1700000000{"order_status":"UNPAID"}[app_secret])"),
            std::string::npos)
      << r.output;
}

TEST(TiktokSignCli, MissingPathIsAUsageError) {
  auto r = run_sign("--method GET --app-key k");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--path is required"), std::string::npos) << r.output;
}

TEST(TiktokSignCli, BadTimestampNamesTheFlagAndValue) {
  auto r = run_sign("--method GET --path /x --app-key k --timestamp soon");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--timestamp: expected Unix seconds, found \"soon\""), std::string::npos)
      << r.output;
}

TEST(TiktokSignCli, WithoutKeyAndConfigExplainsWhatIsMissing) {
  auto r = run_sign("--method GET --path /x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("app key or secret is missing"), std::string::npos) << r.output;
}

}  // namespace
