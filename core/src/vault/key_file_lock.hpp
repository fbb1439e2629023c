// An exclusive lock beside the key file ("<key file>.lock"), held while a rotation or prune rewrites
// it, so two of them never run at once and lose each other's key.
#pragma once

#include <filesystem>

#include "kingkung/vault/keyring.hpp"

namespace kingkung::vault::detail {

// Creates the missing folders above `file`, each with mode 0700.
result<void> create_private_folders_for(const std::filesystem::path& file);

class key_file_lock {
 public:
  // Waits until no other process holds the lock.
  static result<key_file_lock> acquire(const std::filesystem::path& key_file);
  key_file_lock(key_file_lock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  key_file_lock& operator=(key_file_lock&&) = delete;
  key_file_lock(const key_file_lock&) = delete;
  key_file_lock& operator=(const key_file_lock&) = delete;
  ~key_file_lock();

 private:
  explicit key_file_lock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kingkung::vault::detail
