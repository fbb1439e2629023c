#include "plugins/descriptor_check.hpp"

#include <cstdio>
#include <cstring>

namespace kingkung::plugins::detail {
namespace {

constexpr std::size_t max_descriptor_string = 1024;
constexpr std::uint32_t known_kinds = plugin::kind_transport | plugin::kind_market_module;

// Descriptor strings come from another binary: read at most a bounded length.
std::string read_string(const char* text) {
  if (text == nullptr) return {};
  return std::string(text, strnlen(text, max_descriptor_string));
}

std::string quote_or_null(const char* text) {
  return text == nullptr ? "null" : quote(read_string(text));
}

std::string version_string(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

bool all_of_charset(std::string_view text, std::string_view extra) {
  if (text.empty() || text.size() > max_name_length) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool is_valid_plugin_id(std::string_view id) {
  return all_of_charset(id, "-");
}

bool is_valid_component_name(std::string_view name) {
  return all_of_charset(name, "._-");
}

std::string quote(std::string_view text) {
  constexpr std::size_t max_shown = 200;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < max_shown; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (text.size() > max_shown) out += "...";
  out.push_back('"');
  return out;
}

std::string kinds_to_string(std::uint32_t kinds) {
  std::string out;
  auto add = [&out](std::string_view name) {
    if (!out.empty()) out += ", ";
    out += name;
  };
  if (kinds & plugin::kind_transport) add("transport");
  if (kinds & plugin::kind_market_module) add("market-module");
  if (std::uint32_t unknown = kinds & ~known_kinds) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", unknown);
    add(hex);
  }
  return out.empty() ? "none" : out;
}

check_result check_descriptor(const kingkung_plugin_descriptor* d, const check_options& options) {
  check_result out;
  if (d == nullptr) {
    out.refusal = "descriptor: expected a descriptor from " KINGKUNG_PLUGIN_ENTRY_NAME ", found null";
    return out;
  }

  // The first three fields have the same place in every version of the API.
  descriptor_info info;
  info.api_major = d->api_major;
  info.api_minor = d->api_minor;
  info.descriptor_size = d->descriptor_size;
  out.info = info;

  if (d->api_major != plugin::api_major) {
    out.refusal = "API major: expected " + std::to_string(plugin::api_major) + ", found " +
                  std::to_string(d->api_major);
    return out;
  }
  if (d->api_minor > plugin::api_minor) {
    out.refusal = "API minor: plugin needs " + version_string(d->api_major, d->api_minor) +
                  ", host provides " + version_string(plugin::api_major, plugin::api_minor);
    return out;
  }
  if (d->descriptor_size < descriptor_size_1_0) {
    out.refusal = "descriptor size: expected at least " + std::to_string(descriptor_size_1_0) +
                  " bytes (the API 1.0 fields), found " + std::to_string(d->descriptor_size);
    return out;
  }

  out.info->id = read_string(d->id);
  out.info->version = read_string(d->version);
  out.info->kinds = d->kinds;
  out.info->build_tag = read_string(d->build_tag);
  out.info->description = read_string(d->description);

  constexpr std::string_view host_tag = KINGKUNG_PLUGIN_BUILD_TAG;
  if (d->build_tag == nullptr || out.info->build_tag != host_tag) {
    out.refusal = "build tag: expected " + quote(host_tag) + ", found " + quote_or_null(d->build_tag);
    return out;
  }
  if (d->id == nullptr || !is_valid_plugin_id(out.info->id)) {
    out.refusal = "plugin id: expected 1 to " + std::to_string(max_name_length) +
                  " characters of [a-z0-9-], found " + quote_or_null(d->id);
    return out;
  }
  if (!options.expected_id.empty() && out.info->id != options.expected_id) {
    out.refusal = "plugin id: expected " + quote(options.expected_id) + " (the configured id, lib" +
                  std::string(options.expected_id) + ".so), found " + quote(out.info->id);
    return out;
  }
  if (options.loaded_from) {
    if (auto origin = options.loaded_from(out.info->id)) {
      out.refusal = "duplicate plugin id " + quote(out.info->id) + ": already loaded from " + *origin;
      return out;
    }
  }
  if (d->register_plugin == nullptr) {
    out.refusal = "register function: expected a function, found null";
    return out;
  }
  if (d->kinds == 0 || (d->kinds & ~known_kinds) != 0) {
    char found[16];
    std::snprintf(found, sizeof found, "0x%x", d->kinds);
    out.refusal =
        std::string("kinds: expected transport and/or market-module (bits 0x1, 0x2), found ") + found;
    return out;
  }
  return out;
}

}  // namespace kingkung::plugins::detail
