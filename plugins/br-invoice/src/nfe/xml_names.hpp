// Namespace-aware element lookup over pugixml, which itself knows nothing of namespaces: a name's
// namespace comes from the nearest xmlns (or xmlns:prefix) declaration on the element or an ancestor.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace kingkung::br::detail {

std::string_view local_name(const pugi::xml_node& node);
// The element's namespace URI; empty when none is declared.
std::string namespace_of(const pugi::xml_node& node);
// The first element child with this local name (any prefix); a null node when there is none.
pugi::xml_node child_element(const pugi::xml_node& parent, std::string_view local);
// The element's text, trimmed of surrounding whitespace.
std::string text_of(const pugi::xml_node& node);

}  // namespace kingkung::br::detail
