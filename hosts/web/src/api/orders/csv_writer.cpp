#include "api/orders/csv_writer.hpp"

namespace kingkung::web::orders {

csv_writer& csv_writer::text(std::string_view value) {
  if (!value.empty()) {
    char first = value.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      cell("'" + std::string(value));
      return *this;
    }
  }
  cell(value);
  return *this;
}

csv_writer& csv_writer::number(std::string_view value) {
  cell(value);
  return *this;
}

void csv_writer::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

void csv_writer::cell(std::string_view value) {
  if (row_started_) out_ += ',';
  row_started_ = true;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out_ += value;
    return;
  }
  out_ += '"';
  for (char c : value) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  out_ += '"';
}

}  // namespace kingkung::web::orders
