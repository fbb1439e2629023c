#include "plugins/library_loader.hpp"

#include <dlfcn.h>

#include <array>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

namespace kingkung::plugins::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t elf_header_prefix = 18;  // e_ident (16 bytes) and e_type (2 bytes)

std::string describe_file_type(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::symlink:
      return "a dangling symbolic link";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a named pipe";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a regular file";
  }
}

// Why the first bytes are not those of an ELF shared object, or empty when they are.
std::string elf_problem(const std::array<unsigned char, elf_header_prefix>& head, std::streamsize got) {
  if (got < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F')
    return "no ELF header";
  if (got < static_cast<std::streamsize>(elf_header_prefix)) return "truncated ELF header";
  const bool big_endian = head[5] == 2;
  const unsigned type = big_endian ? (head[16] << 8u) | head[17] : (head[17] << 8u) | head[16];
  switch (type) {
    case 3:
      return {};  // ET_DYN
    case 1:
      return "an ELF relocatable object, not a shared object";
    case 2:
      return "an ELF executable, not a shared object";
    case 4:
      return "an ELF core file";
    default:
      return "an ELF file of unknown type " + std::to_string(type);
  }
}

plugin::result<void> check_file(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found)
    return plugin::make_error(plugin::errc::not_found, "no such file: " + file.string());
  if (ec)
    return plugin::make_error(plugin::errc::unavailable,
                              "cannot read " + file.string() + ": " + ec.message());
  if (status.type() != fs::file_type::regular)
    return plugin::make_error(plugin::errc::invalid_argument, "not a regular file: " + file.string() + " (" +
                                                                  describe_file_type(status.type()) + ")");

  std::ifstream in(file, std::ios::binary);
  if (!in)
    return plugin::make_error(plugin::errc::permission_denied,
                              "cannot read " + file.string() + ": " + std::generic_category().message(errno));
  std::array<unsigned char, elf_header_prefix> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  if (auto problem = elf_problem(head, in.gcount()); !problem.empty())
    return plugin::make_error(plugin::errc::invalid_argument,
                              "not a shared library: " + file.string() + " (" + problem + ")");
  return {};
}

}  // namespace

plugin::result<opened_library> open_plugin_library(const fs::path& file) {
  if (auto checked = check_file(file); !checked) return std::move(checked).err();

  std::error_code path_ec;
  const fs::path absolute = fs::absolute(file, path_ec);
  std::error_code ec;
  boost::dll::shared_library library;
  library.load(path_ec ? file : absolute, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local,
               ec);
  if (ec || !library.is_loaded()) {
    // Boost.DLL keeps only a generic code; the dynamic loader's own text says what is wrong.
    const char* detail = ::dlerror();
    return plugin::make_error(plugin::errc::invalid_argument,
                              "cannot load shared library " + file.string() + ": " +
                                  (detail != nullptr ? std::string(detail) : ec.message()));
  }
  if (!library.has(KINGKUNG_PLUGIN_ENTRY_NAME))
    return plugin::make_error(plugin::errc::invalid_argument,
                              "no entry point " KINGKUNG_PLUGIN_ENTRY_NAME
                              ": not a KingKung plugin, or built without KINGKUNG_PLUGIN(...)");

  opened_library out;
  std::string failure;
  try {
    out.descriptor = library.get<const kingkung_plugin_descriptor*()>(KINGKUNG_PLUGIN_ENTRY_NAME)();
  } catch (const std::exception& e) {
    failure = std::string("entry point " KINGKUNG_PLUGIN_ENTRY_NAME " threw: ") + e.what();
  } catch (...) {
    failure = "entry point " KINGKUNG_PLUGIN_ENTRY_NAME " threw an exception that is not a std::exception";
  }
  // The exception is gone by now, so the library may unload.
  if (!failure.empty()) return plugin::make_error(plugin::errc::internal, std::move(failure));
  out.library = std::make_shared<boost::dll::shared_library>(std::move(library));
  return out;
}

}  // namespace kingkung::plugins::detail
