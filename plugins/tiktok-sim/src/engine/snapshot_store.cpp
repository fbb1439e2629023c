#include "snapshot_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kingkung::sim::detail {

snapshot_store::snapshot_store(std::filesystem::path folder)
    : folder_(std::move(folder)), file_(folder_ / "tiktok-sim-state.json") {}

plugin::result<std::optional<std::string>> snapshot_store::load() const {
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec)) return std::optional<std::string>{};
  std::ifstream in(file_, std::ios::binary);
  if (!in)
    return plugin::make_error(plugin::errc::unavailable,
                              "cannot open " + file_.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str());
}

plugin::result<void> snapshot_store::save(std::string_view text) const {
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  if (ec)
    return plugin::make_error(plugin::errc::unavailable,
                              "cannot create " + folder_.string() + ": " + ec.message());
  std::filesystem::path tmp = file_;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return plugin::make_error(plugin::errc::unavailable,
                              "cannot write " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = std::strerror(errno);
      ::close(fd);
      return plugin::make_error(plugin::errc::unavailable, "cannot write " + tmp.string() + ": " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  // No fsync: the rename keeps the file whole if the process dies; surviving power loss is not worth
  // a disk flush on every simulated change.
  ::close(fd);
  std::filesystem::rename(tmp, file_, ec);
  if (ec)
    return plugin::make_error(plugin::errc::unavailable,
                              "cannot replace " + file_.string() + ": " + ec.message());
  return {};
}

}  // namespace kingkung::sim::detail
