#include "http/server_state.hpp"

#include <stdexcept>
#include <vector>

#include "http/wire_message.hpp"

namespace kingkung::http::detail {

namespace {

bool valid_headers(const header_fields& fields) {
  try {
    check_response_headers(fields);
    return true;
  } catch (const std::invalid_argument&) {
    return false;  // reported with every answer that would carry them
  }
}

}  // namespace

server_state::server_state(server_options opts, router r)
    : options(std::move(opts)),
      routes(std::move(r)),
      response_headers_checked(valid_headers(options.response_headers)) {}

std::uint64_t server_state::enroll(std::weak_ptr<session_base> session, bool counted) {
  std::lock_guard lock(mutex_);
  auto id = next_id_++;
  sessions_.emplace(id, std::move(session));
  if (counted) ++serving_;
  return id;
}

void server_state::leave(std::uint64_t id, bool counted) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
  if (counted) --serving_;
  if (sessions_.empty()) empty_.notify_all();
}

std::size_t server_state::serving() const {
  std::lock_guard lock(mutex_);
  return serving_;
}

bool server_state::over_capacity() const {
  return options.max_connections != 0 && serving() >= options.max_connections;
}

std::size_t server_state::open_connections() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void server_state::notify_all(bool force) {
  std::vector<std::shared_ptr<session_base>> open;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, weak] : sessions_)
      if (auto s = weak.lock()) open.push_back(std::move(s));
  }
  for (auto& s : open) s->notify_stop(force);
}

bool server_state::wait_until_empty(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  return empty_.wait_until(lock, deadline, [&] { return sessions_.empty(); });
}

}  // namespace kingkung::http::detail
