#include "file_input.hpp"

#include "kingkung/br/base64.hpp"
#include "kingkung/br/nfe_validator.hpp"

namespace kingkung::br::detail {

plugin::result<std::string> decode_file_field(std::string_view field_name, std::string_view value) {
  std::string_view rest = value;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  std::size_t first = rest.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return plugin::make_error(
        plugin::errc::invalid_argument,
        "field " + std::string(field_name) + ": expected the NF-e XML, found an empty value");
  if (rest[first] == '<') return std::string(value);
  // base64 of more than the limit cannot decode to an acceptable file; do not decode it at all.
  if (value.size() > (max_nfe_bytes / 3 + 1) * 4 + max_nfe_bytes / 38 + 16)
    return plugin::make_error(plugin::errc::too_large, "field " + std::string(field_name) +
                                                           ": expected at most 1 MB of NF-e XML, found " +
                                                           std::to_string(value.size()) + " bytes of base64");
  std::optional<std::string> decoded = base64_decode(value);
  if (!decoded)
    return plugin::make_error(plugin::errc::invalid_argument,
                              "field " + std::string(field_name) +
                                  ": expected NF-e XML text or its base64 encoding, found neither (text that "
                                  "does not start with '<' and is not valid base64)");
  return std::move(*decoded);
}

}  // namespace kingkung::br::detail
