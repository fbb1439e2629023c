// Keyset cursors of the paged lists (orders search, product search, API call log): the sort key of the
// last row handed out and a fingerprint of the request that produced it (sort and filters), hex-encoded
// so a cursor travels through a URL untouched. Decoding refuses, with a message naming the cursor, one
// that is malformed or altered and one reused with another sort or other filters: paging on with it would
// skip or repeat rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kingkung::storage::detail {

// request_identity: the request's sort and filters in a canonical text form (the caller's choice).
std::string encode_cursor(const std::vector<std::string>& fields, std::string_view request_identity);

// Exactly field_count fields, or the reason the cursor is refused (a sentence that starts "the cursor").
std::variant<std::vector<std::string>, std::string> decode_cursor(std::string_view cursor,
                                                                  std::size_t field_count,
                                                                  std::string_view request_identity);

// A field holding a whole decimal number, or nullopt.
std::optional<std::int64_t> cursor_integer(std::string_view field);

// The reason given for a cursor whose fields decode but do not make sense (a bad number, an empty id).
std::string malformed_cursor_reason();

}  // namespace kingkung::storage::detail
