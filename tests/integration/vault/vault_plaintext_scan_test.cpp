// The privacy promise "no plaintext token in the database or logs", checked on the bytes: tokens go
// through the vault into a SQLite file, every log line of the flow is captured, and the raw database,
// WAL and log text are searched for the plaintext.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <mutex>
#include <vector>

#include "kingkung/log/log.hpp"
#include "kingkung/vault/rotation.hpp"
#include "vault_storage_fixture.hpp"

namespace kingkung::vault {
namespace {

class captured_logs {
 public:
  captured_logs() {
    log::set_level(log::level::debug);
    log::set_sink([this](std::string_view line) {
      std::lock_guard lock(mutex_);
      text_.append(line).append("\n");
    });
  }
  ~captured_logs() {
    log::set_sink(nullptr);
    log::set_level(log::level::info);
  }
  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  mutable std::mutex mutex_;
  std::string text_;
};

struct finding {
  std::string where;
  std::string what;
};

std::string b64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  out.resize(static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                                      static_cast<int>(bytes.size()))));
  return out;
}

std::vector<finding> search(const VaultStorage& t, const std::vector<std::string>& needles,
                            const std::string& logs) {
  std::vector<finding> found;
  for (const auto& [name, bytes] : t.database_bytes())
    for (const auto& n : needles)
      if (bytes.find(n) != std::string::npos) found.push_back({name, n});
  for (const auto& n : needles)
    if (logs.find(n) != std::string::npos) found.push_back({"logs", n});
  return found;
}

const std::vector<std::pair<std::string, std::string>> shop_tokens = {
    {"7000714532876273420", "TTP_scan_access_mx_Z3VhcmRlZCB0b2tlbiBvbmU"},
    {"7494049642642441621", "TTP_scan_access_br_Z3VhcmRlZCB0b2tlbiB0d28"},
    {"8646929250843469827", "TTP_scan_refresh_us_Z3VhcmRlZCB0aHJlZQ"},
};

std::string describe(const std::vector<finding>& found) {
  std::string out;
  for (const auto& f : found) out += "  found a plaintext token in " + f.where + "\n";
  return out;
}

TEST_F(VaultStorage, PlaintextTokensAppearNowhereInTheDatabaseFilesOrLogs) {
  captured_logs logs;
  std::vector<std::string> needles;
  {
    auto keys = load_keys();
    token_vault vault(keys);
    for (const auto& [shop, plain] : shop_tokens) {
      put_token(vault, shop, "access", plain);
      needles.push_back(plain);
    }
    // A refresh writes a new token over the old one.
    put_token(vault, shop_tokens[0].first, "access", shop_tokens[0].second + "_refreshed");
    needles.push_back(shop_tokens[0].second + "_refreshed");
    ASSERT_TRUE(rotate(keys, *tokens_, key_file_, {.drop_old = true}).ok());
    token_vault after(keys);
    for (const auto& [shop, plain] : shop_tokens) {
      auto row = tokens_->get(shop, "access");
      ASSERT_TRUE(row.ok() && row->has_value());
      ASSERT_TRUE(after.open(shop, (*row)->sealed).ok());
    }
    // Key material must not leak either.
    needles.push_back(b64(keys.current().bytes.reveal()));
    needles.push_back(keys.current().bytes.reveal());
  }
  ASSERT_FALSE(database_bytes().empty());
  ASSERT_FALSE(logs.text().empty())
      << "the flow logs (key file creation, rotation), so the logs were captured";

  // While the database is open, recent writes sit in the WAL; after closing, in the main file.
  auto while_open = search(*this, needles, logs.text());
  EXPECT_TRUE(while_open.empty()) << describe(while_open);
  db_.reset();
  auto after_close = search(*this, needles, logs.text());
  EXPECT_TRUE(after_close.empty()) << describe(after_close);
}

TEST_F(VaultStorage, ScanFindsATokenStoredWithoutTheVault) {
  // The scan above would see a plaintext token if one were written: the storage keeps text as is.
  storage::sealed_token_row row;
  row.shop_id = "7000714532876273420";
  row.kind = "access";
  row.sealed = "TTP_not_sealed_Y29udHJvbCB0b2tlbg";
  row.expires_at = 1893456000;
  ASSERT_TRUE(tokens_->put(row).ok());
  auto found = search(*this, {row.sealed}, "");
  EXPECT_FALSE(found.empty());
}

}  // namespace
}  // namespace kingkung::vault
