// A small PDF writer for the documents the product renders itself (packing slips): pages of text lines
// and ruled lines in the standard Helvetica fonts, written uncompressed with a classic cross-reference
// table, so the same bytes come out for the same pages and any PDF reader (and pdf_merge) can read them.
#pragma once

#include <string>
#include <vector>

namespace kingkung::documents {

// Page sizes in points (1/72 inch), portrait.
struct page_size {
  int width = 595;
  int height = 842;
};
inline constexpr page_size a4{595, 842};
inline constexpr page_size a6{298, 420};

// One line of text whose baseline starts at (x, y) from the page's bottom-left corner. Text is UTF-8;
// characters outside Windows-1252 (the standard fonts' encoding) are written as '?'.
struct text_run {
  int x = 0;
  int y = 0;
  int font_size = 10;
  bool bold = false;
  std::string text;
};

// A straight line from (x1, y1) to (x2, y2), `width` points thick.
struct rule {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  int width = 1;
};

struct page {
  page_size size = a4;
  std::vector<text_run> texts;
  std::vector<rule> rules;
};

// The whole file. An empty list gives a valid one-page blank document (a PDF needs at least one page).
std::string write_pdf(const std::vector<page>& pages);

// Text as the standard fonts encode it (Windows-1252): what a text_run's bytes will be in the file.
std::string to_win_ansi(std::string_view utf8);

}  // namespace kingkung::documents
