// Opaque page tokens and keyset paging. A token names the last item of the previous page (its sort
// value and id) and the query it belongs to, so every item is returned exactly once even when items
// are added while a client pages. Tokens are base64 with '+' and '/' in them on purpose: a client
// that does not percent-encode them fails visibly, as it would on the platform.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::sim::detail {

struct page_cursor {
  std::uint64_t query_fingerprint = 0;
  std::int64_t sort_value = 0;
  std::string last_id;
};

std::string encode_page_token(const page_cursor& cursor, std::string_view key);
// nullopt when the token was not made by this simulator for this key.
std::optional<page_cursor> decode_page_token(std::string_view token, std::string_view key);

template <class T>
struct page_of {
  std::vector<const T*> items;
  std::string next_page_token;  // "" on the last page
  std::size_t total_count = 0;
};

// Pages `matching` ordered by (sort_value, id), ascending or descending. `sort_of(item)` gives the
// sort value and `id_of(item)` the id.
template <class T, class SortOf, class IdOf>
page_of<T> take_page(std::vector<const T*> matching, SortOf sort_of, IdOf id_of, bool descending,
                     std::size_t page_size, const std::optional<page_cursor>& after,
                     std::uint64_t fingerprint, std::string_view key) {
  auto less = [&](const T* a, const T* b) {
    auto sa = sort_of(*a), sb = sort_of(*b);
    if (sa != sb) return descending ? sa > sb : sa < sb;
    return descending ? id_of(*a) > id_of(*b) : id_of(*a) < id_of(*b);
  };
  std::sort(matching.begin(), matching.end(), less);
  page_of<T> page;
  page.total_count = matching.size();
  auto start = matching.begin();
  if (after) {
    start = std::find_if(matching.begin(), matching.end(), [&](const T* item) {
      auto s = sort_of(*item);
      if (s != after->sort_value) return descending ? s < after->sort_value : s > after->sort_value;
      return descending ? id_of(*item) < after->last_id : id_of(*item) > after->last_id;
    });
  }
  for (auto it = start; it != matching.end() && page.items.size() < page_size; ++it)
    page.items.push_back(*it);
  auto consumed = (start - matching.begin()) + static_cast<std::ptrdiff_t>(page.items.size());
  if (!page.items.empty() && consumed < static_cast<std::ptrdiff_t>(matching.size())) {
    const T* last = page.items.back();
    page.next_page_token = encode_page_token({fingerprint, sort_of(*last), std::string(id_of(*last))}, key);
  }
  return page;
}

}  // namespace kingkung::sim::detail
