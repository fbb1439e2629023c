#include "kingkung/vault/token_vault.hpp"

#include <sys/stat.h>

#include <mutex>
#include <optional>
#include <stdexcept>

#include "kingkung/log/log.hpp"
#include "vault/record.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;
using plugin::make_error;

// What identifies one version of the key file on disk; an atomic rewrite changes the inode.
struct file_stamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  long mtime_sec = 0;
  long mtime_nsec = 0;
  bool operator==(const file_stamp&) const = default;
};

std::optional<file_stamp> stamp_of(const std::filesystem::path& file) {
  struct stat st {};
  if (file.empty() || ::stat(file.c_str(), &st) != 0) return std::nullopt;
  return file_stamp{st.st_dev, st.st_ino, st.st_size, static_cast<long>(st.st_mtim.tv_sec),
                    static_cast<long>(st.st_mtim.tv_nsec)};
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out.append(out.empty() ? "" : ", ").append(id);
  return out;
}

}  // namespace

struct token_vault::state {
  mutable std::mutex mutex;
  std::shared_ptr<const keyring> keys;
  std::filesystem::path file;              // set when the keyring came from a key file
  std::optional<file_stamp> stamp;         // the file version `keys` was read from
  std::optional<file_stamp> failed_stamp;  // a file version that failed to load (warned once)

  std::shared_ptr<const keyring> snapshot() const {
    std::lock_guard lock(mutex);
    return keys;
  }

  result<void> reload_from_file(const std::optional<file_stamp>& seen) {
    auto fresh = keyring::read_file(file);
    std::lock_guard lock(mutex);
    if (!fresh) {
      if (seen != failed_stamp) log::warn("vault", "kept the keys in use: " + fresh.err().message);
      failed_stamp = seen;
      return std::move(fresh).err();
    }
    bool current_changed = fresh->current().id != keys->current().id;
    keys = std::make_shared<const keyring>(std::move(*fresh));
    stamp = seen;
    failed_stamp.reset();
    if (current_changed)
      log::info("vault", "key file " + file.string() + " changed: sealing with key " + keys->current().id +
                             " (keys: " + join(keys->key_ids()) + ")");
    return {};
  }

  // Before sealing: re-read the key file if it changed on disk since it was read.
  void follow_file() {
    if (file.empty()) return;
    auto now = stamp_of(file);
    {
      std::lock_guard lock(mutex);
      if (!now || now == stamp || now == failed_stamp) return;
    }
    (void)reload_from_file(now);
  }

  result<secret> open(std::string_view associated_data, std::string_view record, const std::string& subject,
                      std::string_view owner) {
    auto parts = detail::parse_record(record, subject);
    if (!parts) return std::move(parts).err();
    auto current_keys = snapshot();
    if (!current_keys->find(parts->key_id) && !file.empty()) {
      // Another process may have rotated: the key file may know this key by now.
      auto now = stamp_of(file);
      bool changed = false;
      {
        std::lock_guard lock(mutex);
        changed = now && now != stamp && now != failed_stamp;
      }
      if (changed && reload_from_file(now)) current_keys = snapshot();
    }
    return detail::open_parts(*current_keys, associated_data, *parts, subject, owner);
  }
};

token_vault::token_vault(keyring keys) : state_(std::make_unique<state>()) {
  if (keys.origin() == key_origin::file && !keys.file().empty()) {
    state_->file = keys.file();
    state_->stamp = stamp_of(state_->file);
  }
  state_->keys = std::make_shared<const keyring>(std::move(keys));
}

token_vault::~token_vault() = default;
token_vault::token_vault(token_vault&&) noexcept = default;
token_vault& token_vault::operator=(token_vault&&) noexcept = default;

std::string token_vault::seal(std::string_view shop_id, const secret& plaintext) const {
  if (shop_id.empty()) throw std::invalid_argument("vault: cannot seal a token for an empty shop id");
  state_->follow_file();
  auto keys = state_->snapshot();
  return detail::seal_record(keys->current(), detail::token_associated_data(shop_id), plaintext.reveal());
}

std::string token_vault::seal_value(std::string_view context, std::string_view plaintext) const {
  if (context.empty()) throw std::invalid_argument("vault: cannot seal a value under an empty context");
  state_->follow_file();
  auto keys = state_->snapshot();
  return detail::seal_record(keys->current(), detail::value_associated_data(context), plaintext);
}

result<secret> token_vault::open(std::string_view shop_id, std::string_view record) const {
  return state_->open(detail::token_associated_data(shop_id), record,
                      "vault record for shop " + std::string(shop_id), "this shop");
}

result<std::string> token_vault::open_value(std::string_view context, std::string_view record) const {
  auto opened = state_->open(detail::value_associated_data(context), record,
                             "vault record for " + std::string(context), "this context");
  if (!opened) return std::move(opened).err();
  return opened->reveal();
}

std::string token_vault::current_key_id() const {
  return state_->snapshot()->current().id;
}

std::vector<std::string> token_vault::key_ids() const {
  return state_->snapshot()->key_ids();
}

result<void> token_vault::reload() {
  if (state_->file.empty()) return {};
  return state_->reload_from_file(stamp_of(state_->file));
}

result<std::string> token_vault::key_id_of(std::string_view record) {
  auto parts = detail::parse_record(record, "vault record");
  if (!parts) return std::move(parts).err();
  return parts->key_id;
}

}  // namespace kingkung::vault
