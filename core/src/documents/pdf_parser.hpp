// Reading a classic-xref PDF into pdf_objects: the cross-reference table (with /Prev updates), objects on
// demand, and the page tree in order with inherited attributes applied to each page.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "documents/pdf_objects.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::documents::detail {

// Parses one value at `pos` (advanced past it). Used for objects and for content streams.
class pdf_lexer {
 public:
  explicit pdf_lexer(std::string_view text, std::size_t pos = 0) : s_(text), pos_(pos) {}

  void skip_space();
  // The next keyword (a run of regular characters) without consuming it; empty at a delimiter.
  std::string_view peek_keyword();
  bool take_keyword(std::string_view word);
  plugin::result<pdf_value> value(int depth = 0);
  // In content streams: the next token as an operand value, or as an operator keyword (op set).
  plugin::result<pdf_value> operand_or_operator(std::string& op);
  std::size_t pos() const noexcept { return pos_; }
  void seek(std::size_t p) noexcept { pos_ = p; }
  bool at_end() {
    skip_space();
    return pos_ >= s_.size();
  }

 private:
  plugin::error fail(std::string what) const;
  plugin::result<pdf_value> literal_string();
  plugin::result<pdf_value> hex_string();
  pdf_value name_token();

  std::string_view s_;
  std::size_t pos_;
};

struct page_ref {
  long num = 0;
  pdf_dict dict;  // the page's dictionary with inherited Resources, MediaBox, CropBox and Rotate set
};

class pdf_file {
 public:
  static plugin::result<pdf_file> open(std::string_view bytes);

  // The object (cached). errc::invalid_argument when it is not in the table or cannot be parsed.
  plugin::result<pdf_object> object(long num);
  // A value with one level of indirection resolved.
  plugin::result<pdf_value> resolve(const pdf_value& v);
  plugin::result<std::vector<page_ref>> pages();
  // Object numbers of every /Pages node of the tree (filled by pages()).
  const std::vector<long>& tree_nodes() const noexcept { return tree_nodes_; }
  const std::string& version() const noexcept { return version_; }

 private:
  plugin::result<void> read_xref(std::size_t offset, int depth);
  plugin::result<void> walk(long num, const pdf_dict& inherited, std::vector<page_ref>& out, int depth);

  std::string_view bytes_;
  std::string version_;
  pdf_dict trailer_;
  std::map<long, std::size_t> offsets_;  // object number -> byte offset (in use entries only)
  std::map<long, pdf_object> cache_;
  std::vector<long> loading_;  // objects being read: a /Length that leads back to one is refused
  std::vector<long> tree_nodes_;
};

}  // namespace kingkung::documents::detail
