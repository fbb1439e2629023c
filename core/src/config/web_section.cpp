// [web] and [web.sessions]
#include <string>

#include "config/sections.hpp"

namespace kingkung::config::detail {
namespace {

constexpr unsigned max_idle_minutes = 7 * 24 * 60;  // a week
constexpr unsigned max_absolute_hours = 30 * 24;    // thirty days

void read_sessions(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "web.sessions", ctx.diag);
  auto& sessions = ctx.config.web.sessions;
  r.reject_unknown_keys({"idle_minutes", "absolute_hours"});
  const bool idle_read = r.read("idle_minutes", sessions.idle_minutes, 1, max_idle_minutes);
  r.read("absolute_hours", sessions.absolute_hours, 1, max_absolute_hours);
  // An idle limit past the absolute one would never apply: say so instead of ignoring it.
  if (idle_read && sessions.idle_minutes > sessions.absolute_hours * 60u)
    r.invalid("idle_minutes",
              "at most absolute_hours * 60 (" + std::to_string(sessions.absolute_hours * 60u) +
                  " minutes): a session ends at the absolute limit anyway",
              std::to_string(sessions.idle_minutes));
}

}  // namespace

void read_web(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "web", ctx.diag);
  r.reject_unknown_keys({"sessions"});
  read_sessions(r.read_table("sessions"), ctx);
}

}  // namespace kingkung::config::detail
