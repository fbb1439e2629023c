// Reading a PDF back: its pages in order and the text their content streams show. Made for files with a
// classic cross-reference table (what pdf_writer, the simulator and most label printers produce);
// anything else is refused with a message that says what the file uses and why it cannot be read:
// cross-reference streams and object streams (PDF 1.5 compression), encryption, a missing or broken
// cross-reference table, a page tree that loops.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::documents {

struct pdf_page_info {
  // Every string the page's content shows (Tj, TJ, ' and " operands), in order, one per line, as UTF-8.
  // Empty for content this reader cannot decode (compressed streams).
  std::string text;
  bool text_decoded = true;  // false when a content stream is compressed (Filter) and was skipped
  std::string media_box;     // the page's own or inherited MediaBox, "0 0 298 420"; empty when none
};

struct pdf_info {
  std::string version;  // from the header, "1.7"
  std::vector<pdf_page_info> pages;
};

// errc::invalid_argument with what is wrong and where (byte offset, object number).
plugin::result<pdf_info> read_pdf(std::string_view bytes);

}  // namespace kingkung::documents
