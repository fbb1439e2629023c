// Maps a method and a path to a handler. Patterns are exact paths ("/healthz") or paths with
// `{name}` segments ("/api/v1/orders/{order_id}") that match one non-empty segment each. When several
// patterns match, a literal segment wins over a parameter at the first place they differ, so
// "/orders/export" beats "/orders/{id}". An unknown path gets 404; a known path with another method
// gets 405 and an Allow header. HEAD is answered by the GET handler when no HEAD route exists (the
// server sends the headers without the body).
//
// Build the router before handing it to the server; routing is then read-only and thread-safe.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/http/message.hpp"

namespace kingkung::http {

// Told about every request route() answers: the method as received, the pattern of the route that ran
// (empty when none matched: 404 or 405), the status and the time route() took. Runs on the server's
// threads, possibly several at once: it must be thread-safe and must not throw.
using routed_observer = std::function<void(std::string_view method, std::string_view pattern, unsigned status,
                                           std::chrono::nanoseconds elapsed)>;

// Turns an exception a handler threw into an answer; nullopt for one it does not know (it then goes on to
// the caller, and the server answers 500). Runs on the server's threads: thread-safe, must not throw.
using exception_mapper = std::function<std::optional<response>(const request&, const std::exception&)>;

class router {
 public:
  router();
  ~router();
  router(const router&);
  router(router&&) noexcept;
  router& operator=(const router&);
  router& operator=(router&&) noexcept;

  // Throws std::invalid_argument when the pattern is malformed (not starting with '/', an empty or
  // repeated {name}, a brace inside a segment) or when the same method and pattern are added twice.
  router& add(std::string_view method, std::string_view pattern, handler h);
  router& get(std::string_view pattern, handler h) { return add("GET", pattern, std::move(h)); }
  router& post(std::string_view pattern, handler h) { return add("POST", pattern, std::move(h)); }
  router& put(std::string_view pattern, handler h) { return add("PUT", pattern, std::move(h)); }
  router& patch(std::string_view pattern, handler h) { return add("PATCH", pattern, std::move(h)); }
  router& del(std::string_view pattern, handler h) { return add("DELETE", pattern, std::move(h)); }

  // Replaces the default 404 answer (plain text "Not Found").
  router& on_not_found(handler h);

  // Sets the one observer of routed requests (replacing any earlier one; empty: none). A handler that
  // throws is reported as 500 before the exception goes on to the caller.
  router& on_routed(routed_observer observer);

  // Sets the one exception mapper (replacing any earlier one; empty: none). A mapped exception is an
  // ordinary answer: the observer sees its status.
  router& on_exception(exception_mapper mapper);

  // Finds the route, fills `req.path_params` and calls the handler. Exceptions from the handler that the
  // mapper does not answer propagate to the caller (the server turns them into 500).
  response route(request& req) const;
  // Same as route() on a copy; convenient in tests.
  response operator()(const request& req) const;

  // Methods routed for a request-target's path (with HEAD when GET is), sorted; empty when the path
  // is unknown.
  std::vector<std::string> allowed_methods(std::string_view target) const;

 private:
  struct entry;
  response dispatch(request& req, const std::string** pattern) const;

  std::vector<entry> entries_;
  handler not_found_;
  routed_observer observer_;
  exception_mapper exception_mapper_;
};

}  // namespace kingkung::http
