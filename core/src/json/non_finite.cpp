#include "json/non_finite.hpp"

#include <boost/json/value.hpp>

#include <cmath>
#include <vector>

namespace kingkung::json_detail {
namespace {

namespace json = boost::json;

// One step on the way down to the number found: an array index or an object key.
struct step {
  bool element;
  std::string_view key;
  std::size_t index;
};

// Fills `trail` innermost step first, on the way back up from the number.
bool find(const json::value& v, std::vector<step>& trail) {
  switch (v.kind()) {
    case json::kind::double_:
      return !std::isfinite(v.get_double());
    case json::kind::array: {
      const auto& arr = v.get_array();
      for (std::size_t i = 0; i < arr.size(); ++i)
        if (find(arr[i], trail)) {
          trail.push_back({true, {}, i});
          return true;
        }
      return false;
    }
    case json::kind::object:
      for (const auto& member : v.get_object())
        if (find(member.value(), trail)) {
          trail.push_back({false, member.key(), 0});
          return true;
        }
      return false;
    default:
      return false;
  }
}

}  // namespace

std::optional<std::string> find_non_finite_number(const json::value& value, std::string_view root) {
  std::vector<step> trail;
  if (!find(value, trail)) return std::nullopt;
  std::string path(root);
  for (auto it = trail.rbegin(); it != trail.rend(); ++it) {
    if (it->element) {
      path += "[" + std::to_string(it->index) + "]";
    } else {
      if (!path.empty()) path.push_back('.');
      path += it->key;
    }
  }
  return path;
}

}  // namespace kingkung::json_detail
