// Opens a plugin library with Boost.DLL and finds its descriptor.
#pragma once

#include <filesystem>
#include <memory>

#include "kingkung/plugin/descriptor.hpp"
#include "kingkung/plugin/result.hpp"

namespace boost::dll {
class shared_library;
}

namespace kingkung::plugins::detail {

struct opened_library {
  std::shared_ptr<boost::dll::shared_library> library;
  const kingkung_plugin_descriptor* descriptor = nullptr;  // points into `library`; may be null
};

// Checks the file (exists, regular, readable, an ELF shared object), loads it with symbols resolved now
// and kept local, and calls its kingkung_plugin_entry. Errors: not_found when the file does not exist
// (the plugin is "missing"); any other code means the file was refused. Messages name the file.
plugin::result<opened_library> open_plugin_library(const std::filesystem::path& file);

}  // namespace kingkung::plugins::detail
