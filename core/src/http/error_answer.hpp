// The server's own error answers (400, 413, 431, 500, 501, 503): what went wrong and the limit that applied,
// in the JSON error shape for clients that expect JSON, as plain text for everyone else.
#pragma once

#include <string_view>

#include "kingkung/http/message.hpp"
#include "kingkung/http/server.hpp"

namespace kingkung::http::detail {

// True when a request for `target` (origin or absolute form) with this Accept header expects JSON: its
// path starts with one of options.json_error_prefixes, or Accept names application/json.
bool expects_json(const server_options& options, std::string_view target, std::string_view accept);

// The same judged from the raw bytes of a request head that could not be parsed (too large or
// malformed): its request line, when still there, and its Accept line, if it arrived.
bool raw_head_expects_json(const server_options& options, std::string_view raw);

// `detail`, when given, replaces the standard message (it says what exactly was wrong).
response error_answer(unsigned status, const server_options& options, bool json, std::string_view detail = {});

}  // namespace kingkung::http::detail
