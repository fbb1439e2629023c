// CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes
// doubled), safe to open in a spreadsheet: a text cell that starts with = + - @ (or a tab or CR) gets a
// leading apostrophe, so it is shown as text and never run as a formula.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kingkung::web::orders {

class csv_writer {
 public:
  // A text cell from data (names, ids, notes): neutralised against formulas, then quoted as needed.
  csv_writer& text(std::string_view value);
  // A cell the host formats itself (amounts, times): quoted as needed, never altered.
  csv_writer& number(std::string_view value);
  // Ends the current row.
  void end_row();

  const std::string& str() const noexcept { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void cell(std::string_view value);
  std::string out_;
  bool row_started_ = false;
};

}  // namespace kingkung::web::orders
