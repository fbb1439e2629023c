// Merging PDF files into one, pages in the order given: labels of many packages in one file to print.
//
// Each input must be a PDF with a classic cross-reference table (incremental updates are followed). An
// input the merger cannot read correctly (a cross-reference stream, object streams, encryption, a broken
// table, a missing object) fails the whole merge with errc::invalid_argument naming the input and the
// reason: it never writes a file with pages missing or broken. Each page keeps what it inherited from
// its page tree (resources, media box, crop box, rotation); document-level parts (outlines, forms,
// metadata) are not carried over.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::documents {

struct pdf_input {
  std::string name;   // for error messages: "label of package 1152..."
  std::string bytes;  // the file
};

plugin::result<std::string> merge_pdfs(const std::vector<pdf_input>& inputs);

}  // namespace kingkung::documents
