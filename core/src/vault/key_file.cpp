// Reading, creating and atomically rewriting the key file, and choosing between it and the environment.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kingkung/log/log.hpp"
#include "kingkung/vault/keyring.hpp"
#include "vault/key_file_lock.hpp"

namespace kingkung::vault {
namespace {

using plugin::errc;
using plugin::make_error;
namespace fs = std::filesystem;

std::string os_error(int err) {
  return std::strerror(err);
}

std::string mode_text(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

class fd_guard {
 public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ >= 0) ::close(fd_);
  }
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

fs::path parent_of(const fs::path& file) {
  auto parent = file.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

result<void> fsync_folder(const fs::path& folder) {
  fd_guard dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0)
    return make_error(errc::unavailable, "could not sync folder " + folder.string() + ": " + os_error(errno));
  return {};
}

result<void> write_all(int fd, const std::string& text, const fs::path& file) {
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return make_error(errc::unavailable, "could not write " + file.string() + ": " + os_error(errno));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0)
    return make_error(errc::unavailable, "could not sync " + file.string() + ": " + os_error(errno));
  return {};
}

// A new private file next to `file`, holding `text`, synced to disk. Returns its path.
result<fs::path> write_temporary(const fs::path& file, const secret& text) {
  unsigned char random[6];
  if (RAND_bytes(random, sizeof random) != 1)
    throw std::runtime_error("vault: the crypto library could not generate random bytes");
  char suffix[32];
  std::snprintf(suffix, sizeof suffix, ".tmp-%ld-%02x%02x%02x%02x%02x%02x", static_cast<long>(::getpid()),
                random[0], random[1], random[2], random[3], random[4], random[5]);
  fs::path temp = parent_of(file) / ("." + file.filename().string() + suffix);
  fd_guard fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0)
    return make_error(errc::unavailable, "could not create " + temp.string() + ": " + os_error(errno));
  auto written =
      ::fchmod(fd.get(), 0600) == 0
          ? write_all(fd.get(), text.reveal(), temp)
          : result<void>(make_error(errc::unavailable,
                                    "could not set mode 0600 on " + temp.string() + ": " + os_error(errno)));
  if (!written.ok() || ::close(fd.release()) != 0) {
    ::unlink(temp.c_str());
    if (!written.ok()) return std::move(written).err();
    return make_error(errc::unavailable, "could not close " + temp.string() + ": " + os_error(errno));
  }
  return temp;
}

result<keyring> create_key_file(const fs::path& file) {
  if (auto made = detail::create_private_folders_for(file); !made) return std::move(made).err();
  keyring fresh({master_key::generate()});
  auto temp = write_temporary(file, fresh.to_file_text());
  if (!temp) return std::move(temp).err();
  // link() never replaces an existing file: if another process created the key file first, use its key.
  if (::link(temp->c_str(), file.c_str()) != 0) {
    int err = errno;
    ::unlink(temp->c_str());
    if (err == EEXIST) return keyring::read_file(file);
    return make_error(errc::unavailable, "could not create key file " + file.string() + ": " + os_error(err));
  }
  ::unlink(temp->c_str());
  if (auto synced = fsync_folder(parent_of(file)); !synced) return std::move(synced).err();
  log::info("vault", "created key file " + file.string() + " with new master key " + fresh.current().id);
  return keyring::read_file(file);
}

std::optional<std::string> environment_value(const key_source_options& options) {
  const std::string name(master_key_variable);
  if (options.environment) {
    auto it = options.environment->find(name);
    if (it == options.environment->end()) return std::nullopt;
    return it->second;
  }
  const char* value = std::getenv(name.c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

}  // namespace

namespace detail {

// Creates the missing folders above the key file, each private to the owner.
result<void> create_private_folders_for(const fs::path& file) {
  auto parent = file.parent_path();
  if (parent.empty()) return {};
  std::vector<std::filesystem::path> missing;
  for (auto p = parent; !p.empty(); p = p.parent_path()) {
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) break;
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
      return plugin::make_error(plugin::errc::unavailable, "could not create folder " + it->string() +
                                                               " for the key file: " + std::strerror(errno));
  }
  return {};
}

}  // namespace detail

result<keyring> keyring::load(const fs::path& key_file, const key_source_options& options) {
  if (auto env = environment_value(options); env && !env->empty()) {
    secret value(std::move(*env));
    return parse_environment_value(value.reveal(), master_key_variable);
  }
  if (key_file.empty())
    return make_error(
        errc::invalid_argument,
        "no master key: set vault.key_file in the config or KINGKUNG_MASTER_KEY in the environment");
  struct stat st {};
  if (::stat(key_file.c_str(), &st) != 0) {
    if (errno != ENOENT)
      return make_error(errc::unavailable,
                        "could not read key file " + key_file.string() + ": " + os_error(errno));
    if (!options.create_if_missing)
      return make_error(errc::not_found, "key file " + key_file.string() + " does not exist");
    return create_key_file(key_file);
  }
  return read_file(key_file);
}

result<keyring> keyring::read_file(const fs::path& key_file) {
  fd_guard fd(::open(key_file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT)
      return make_error(errc::not_found, "key file " + key_file.string() + " does not exist");
    return make_error(errc::unavailable,
                      "could not open key file " + key_file.string() + ": " + os_error(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    return make_error(errc::unavailable,
                      "could not inspect key file " + key_file.string() + ": " + os_error(errno));
  if (!S_ISREG(st.st_mode))
    return make_error(errc::invalid_argument, "key file " + key_file.string() + " is not a regular file");
  if ((st.st_mode & 077) != 0)
    return make_error(errc::permission_denied,
                      "key file " + key_file.string() + " has mode " + mode_text(st.st_mode) +
                          ": group or others may access it, and it holds the master keys; "
                          "restrict it with `chmod 600 " +
                          key_file.string() + "` (and check who has read it)");
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size) + 4096);  // no reallocation leaves key copies behind
  char buf[4096];
  for (;;) {
    auto n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      OPENSSL_cleanse(text.data(), text.size());
      return make_error(errc::unavailable,
                        "could not read key file " + key_file.string() + ": " + os_error(errno));
    }
    if (n == 0) break;
    if (text.size() + static_cast<std::size_t>(n) > 1024 * 1024) {
      OPENSSL_cleanse(text.data(), text.size());
      return make_error(errc::invalid_argument,
                        "key file " + key_file.string() + " is larger than 1 MiB; is it the right file?");
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  OPENSSL_cleanse(buf, sizeof buf);
  secret contents(std::move(text));
  auto ring = parse_file_text(contents.reveal(), key_file.string());
  if (!ring) return ring;
  ring->file_ = key_file;
  return ring;
}

result<void> keyring::save(const fs::path& key_file) const {
  if (auto made = detail::create_private_folders_for(key_file); !made) return made;
  auto temp = write_temporary(key_file, to_file_text());
  if (!temp) return std::move(temp).err();
  if (::rename(temp->c_str(), key_file.c_str()) != 0) {
    int err = errno;
    ::unlink(temp->c_str());
    return make_error(errc::unavailable,
                      "could not replace key file " + key_file.string() + ": " + os_error(err));
  }
  return fsync_folder(parent_of(key_file));
}

}  // namespace kingkung::vault
