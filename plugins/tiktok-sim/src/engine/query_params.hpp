// Readers for the query parameters endpoints share: page size and token, sort, id lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paging.hpp"
#include "sim_core.hpp"

namespace kingkung::sim::detail {

// Splits "a,b,c" (the comma-joined form the platform takes for arrays), dropping empty items.
std::vector<std::string> split_ids(std::string_view text);

std::optional<std::int64_t> parse_int(std::string_view text);

// The key page tokens are sealed with (not a secret: tokens only need to be tamper-evident).
std::string page_token_key(const sim_core& core);

struct paging_request {
  std::size_t page_size = 20;
  std::optional<page_cursor> after;
  std::uint64_t fingerprint = 0;
};

// Reads page_size and page_token; the fingerprint binds a token to the query it was made for.
// nullopt when the token is malformed or belongs to another query.
std::optional<paging_request> read_paging(const call& c, std::string_view query_identity);

}  // namespace kingkung::sim::detail
