// Following next_page_token: pages are fetched until the platform returns an empty token, the caller
// stops, or a page fails (its error is returned; pages already handed over stay handed over).
#pragma once

#include <string>
#include <utility>

#include "kingkung/tiktok/result.hpp"

namespace kingkung::tiktok {

// `fetch(const std::string& page_token)` returns result<Page> where Page has `next_page_token`;
// `on_page(Page&&)` returns false to stop. Returns the number of pages fetched. A page whose
// next_page_token equals the token it was fetched with is an invalid_response (it would loop forever).
template <class Fetch, class OnPage>
result<unsigned> follow_pages(std::string page_token, Fetch&& fetch, OnPage&& on_page) {
  unsigned pages = 0;
  for (;;) {
    auto page = fetch(page_token);
    if (!page.ok()) return std::move(page).err();
    ++pages;
    std::string next = page->next_page_token;
    if (!on_page(std::move(page.value()))) return pages;
    if (next.empty()) return pages;
    if (next == page_token) {
      api_error e;
      e.kind = error_class::invalid_response;
      e.message = "next_page_token repeats the token of the page it came with (page " +
                  std::to_string(pages) + "); stopped to avoid a loop";
      return e;
    }
    page_token = std::move(next);
  }
}

}  // namespace kingkung::tiktok
