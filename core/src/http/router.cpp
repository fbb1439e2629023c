#include "kingkung/http/router.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace kingkung::http {
namespace {

struct segment {
  std::string text;  // literal text, or the parameter name
  bool is_param = false;
};

// The path of a request-target, still percent-encoded: "/a/b%20c" of "/a/b%20c?x=1".
std::string_view target_path(std::string_view target) {
  if (!target.empty() && target.front() != '/') {  // absolute-form: skip "scheme://authority"
    auto scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos) return {};
    auto path_start = target.find('/', scheme_end + 3);
    auto query_start = target.find_first_of("?#", scheme_end + 3);
    if (path_start == std::string_view::npos ||
        (query_start != std::string_view::npos && query_start < path_start))
      return "/";
    target.remove_prefix(path_start);
  }
  return target.substr(0, target.find_first_of("?#"));
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one path segment ('+' stays '+' in paths); nullopt on a broken escape.
std::optional<std::string> decode_segment(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

// Every segment of the path percent-decoded, once per request; nullopt when one has a broken escape
// (no route matches such a path).
std::optional<std::vector<std::string>> decoded_segments(std::string_view target) {
  std::vector<std::string> out;
  for (auto part : split_path(target_path(target))) {
    if (part.find('%') == std::string_view::npos) {
      out.emplace_back(part);
      continue;
    }
    auto decoded = decode_segment(part);
    if (!decoded) return std::nullopt;
    out.push_back(std::move(*decoded));
  }
  return out;
}

std::vector<segment> parse_pattern(std::string_view pattern) {
  auto fail = [&](std::string_view why) {
    throw std::invalid_argument("route pattern \"" + std::string(pattern) + "\": " + std::string(why));
  };
  if (pattern.empty() || pattern.front() != '/') fail("must start with '/'");
  std::vector<segment> out;
  std::set<std::string, std::less<>> names;
  for (auto part : split_path(pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      auto name = part.substr(1, part.size() - 2);
      if (name.empty()) fail("a parameter needs a name, as in {order_id}");
      if (name.find_first_of("{}") != std::string_view::npos) fail("unbalanced braces in a parameter");
      if (!names.emplace(name).second) fail("parameter {" + std::string(name) + "} appears twice");
      out.push_back({std::string(name), true});
    } else {
      if (part.find_first_of("{}") != std::string_view::npos)
        fail("a parameter must be a whole segment, as in /orders/{order_id}");
      out.push_back({std::string(part), false});
    }
  }
  return out;
}

response plain(unsigned status) {
  return response::text(status, std::string(reason_phrase(status)));
}

}  // namespace

struct router::entry {
  std::string method;
  std::string pattern;
  std::vector<segment> segments;
  handler run;

  // Whether this route's pattern matches the request's decoded path segments.
  bool matches(const std::vector<std::string>& parts) const {
    if (parts.size() != segments.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (segments[i].is_param ? parts[i].empty() : parts[i] != segments[i].text) return false;
    }
    return true;
  }

  // The {name} values of a matching route.
  std::map<std::string, std::string, std::less<>> params(std::vector<std::string>& parts) const {
    std::map<std::string, std::string, std::less<>> out;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (segments[i].is_param) out.emplace(segments[i].text, std::move(parts[i]));
    return out;
  }

  // True when this route is more specific: a literal segment where the other has a parameter, at the
  // first place they differ.
  bool more_specific_than(const entry& other) const {
    for (std::size_t i = 0; i < segments.size() && i < other.segments.size(); ++i)
      if (segments[i].is_param != other.segments[i].is_param) return !segments[i].is_param;
    return false;
  }
};

router::router() = default;
router::~router() = default;
router::router(const router&) = default;
router::router(router&&) noexcept = default;
router& router::operator=(const router&) = default;
router& router::operator=(router&&) noexcept = default;

router& router::add(std::string_view method, std::string_view pattern, handler h) {
  if (method.empty()) throw std::invalid_argument("route \"" + std::string(pattern) + "\": empty method");
  if (!h)
    throw std::invalid_argument("route " + std::string(method) + " " + std::string(pattern) +
                                ": empty handler");
  entry e{std::string(method), std::string(pattern), parse_pattern(pattern), std::move(h)};
  for (const auto& other : entries_) {
    if (other.method != e.method || other.segments.size() != e.segments.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < e.segments.size() && same; ++i)
      same = other.segments[i].is_param == e.segments[i].is_param &&
             (e.segments[i].is_param || other.segments[i].text == e.segments[i].text);
    if (same)
      throw std::invalid_argument("route " + e.method + " " + e.pattern + " is already taken by " +
                                  other.method + " " + other.pattern);
  }
  entries_.push_back(std::move(e));
  return *this;
}

router& router::on_not_found(handler h) {
  not_found_ = std::move(h);
  return *this;
}

router& router::on_routed(routed_observer observer) {
  observer_ = std::move(observer);
  return *this;
}

router& router::on_exception(exception_mapper mapper) {
  exception_mapper_ = std::move(mapper);
  return *this;
}

response router::route(request& req) const {
  if (!observer_ && !exception_mapper_) return dispatch(req, nullptr);
  const std::string* pattern = nullptr;
  const auto started = observer_ ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
  auto report = [&](unsigned status) {
    if (!observer_) return;
    observer_(req.method, pattern ? std::string_view(*pattern) : std::string_view(), status,
              std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started));
  };
  try {
    auto r = dispatch(req, &pattern);
    report(r.status);
    return r;
  } catch (const std::exception& e) {
    std::optional<response> mapped;
    if (exception_mapper_) mapped = exception_mapper_(req, e);
    report(mapped ? mapped->status : 500);
    if (mapped) return std::move(*mapped);
    throw;
  } catch (...) {
    report(500);
    throw;
  }
}

response router::dispatch(request& req, const std::string** pattern) const {
  auto parts = decoded_segments(req.target);
  const entry* best = nullptr;
  const entry* best_get = nullptr;
  bool path_known = false;
  if (parts) {
    for (const auto& e : entries_) {
      if (!e.matches(*parts)) continue;
      path_known = true;
      if (e.method == req.method) {
        if (!best || e.more_specific_than(*best)) best = &e;
      } else if (req.method == "HEAD" && e.method == "GET" && (!best_get || e.more_specific_than(*best_get))) {
        best_get = &e;
      }
    }
  }
  if (!best) best = best_get;
  if (best) {
    req.path_params = best->params(*parts);
    if (pattern) *pattern = &best->pattern;
    return best->run(req);
  }
  if (path_known) {
    auto r = plain(405);
    std::string allow;
    for (const auto& m : allowed_methods(req.target)) allow += (allow.empty() ? "" : ", ") + m;
    r.headers.set("Allow", std::move(allow));
    return r;
  }
  return not_found_ ? not_found_(req) : plain(404);
}

response router::operator()(const request& req) const {
  request copy = req;
  return route(copy);
}

std::vector<std::string> router::allowed_methods(std::string_view target) const {
  auto parts = decoded_segments(target);
  std::set<std::string> methods;
  if (!parts) return {};
  for (const auto& e : entries_) {
    if (!e.matches(*parts)) continue;
    methods.insert(e.method);
    if (e.method == "GET") methods.insert("HEAD");
  }
  return {methods.begin(), methods.end()};
}

}  // namespace kingkung::http
