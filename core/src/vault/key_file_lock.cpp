#include "vault/key_file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace kingkung::vault::detail {

result<key_file_lock> key_file_lock::acquire(const std::filesystem::path& key_file) {
  if (auto made = create_private_folders_for(key_file); !made) return std::move(made).err();
  const std::string path = key_file.string() + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return plugin::make_error(plugin::errc::unavailable,
                              "could not open the key file lock " + path + ": " + std::strerror(errno));
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    return plugin::make_error(plugin::errc::unavailable,
                              "could not lock " + path + ": " + std::strerror(err));
  }
  return key_file_lock(fd);
}

key_file_lock::~key_file_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace kingkung::vault::detail
