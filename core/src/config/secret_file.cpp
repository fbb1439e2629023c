#include "config/secret_file.hpp"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kingkung::config::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::optional<secret> read_secret_file(const std::filesystem::path& file, std::string& problem) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    problem = "not a regular file";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problem = std::string("a file that cannot be read (") + std::strerror(errno) + ")";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  secret contents(buffer.str());
  const std::string& text = contents.reveal();
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  if (begin == end) {
    problem = "an empty file";
    return std::nullopt;
  }
  return secret(text.substr(begin, end - begin));
}

std::optional<secret> create_demo_secret_file(const std::filesystem::path& file, std::string& problem) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) {
    problem = "cannot create the folder " + file.parent_path().string() + ": " + ec.message();
    return std::nullopt;
  }
  unsigned char random[16];
  if (RAND_bytes(random, sizeof random) != 1) {
    problem = "no random bytes from the system";
    return std::nullopt;
  }
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : random) {
    hex += digits[b >> 4];
    hex += digits[b & 0x0f];
  }
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    problem = "cannot create " + file.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  ::fchmod(fd, 0600);  // in case the umask removed bits we asked for; never adds any
  std::string contents = hex + "\n";
  bool written = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size());
  bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    problem = "cannot write " + file.string();
    std::filesystem::remove(file, ec);
    return std::nullopt;
  }
  return secret(std::move(hex));
}

bool readable_by_others(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return false;
  return (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
}

}  // namespace kingkung::config::detail
