// The `file` field of the upload actions: the NF-e XML as text, or its base64 encoding. It is XML when
// its first non-blank character (after an optional UTF-8 byte order mark) is '<'; otherwise it must be
// valid base64.
#pragma once

#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"

namespace kingkung::br::detail {

plugin::result<std::string> decode_file_field(std::string_view field_name, std::string_view value);

}  // namespace kingkung::br::detail
