// The few platform JSON shapes the module reads and writes: the order's invoice flag, the upload body
// and its per-item errors, the INVOICE_STATUS_CHANGE webhook, the shipping document reply.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::br::detail {

// `need_upload_invoice` of an order object (raw_json); empty when absent or unreadable.
std::string need_upload_invoice_of(std::string_view order_json);
// The same field of the first order in a Get Order Detail `data` object.
std::string need_upload_invoice_in_detail(std::string_view data_json);

struct upload_item {
  std::string package_id;
  std::vector<std::string> order_ids;
  std::string xml;  // raw; encoded here
};
std::string upload_body(const std::vector<upload_item>& items);

struct item_error {
  std::string package_id;
  std::int64_t code = 0;
  std::string message;
};
// `data.errors[]` of an upload reply.
std::vector<item_error> upload_errors(std::string_view data_json);
// The platform's item error in words a seller understands.
std::string explain_upload_error(const item_error& e);

struct invoice_event {
  std::string package_id;
  std::vector<std::string> order_ids;
  std::string invoice_status;
  std::string invalid_reason;
};
std::optional<invoice_event> read_invoice_event(std::string_view data_json);

// `data.doc_url` of a Get Package Shipping Document reply.
std::string doc_url_of(std::string_view data_json);

struct named_file {
  std::string name;
  std::string content;
};
// The bulk action's `files` field: [{"name": ..., "file": ...}, ...] or {"<name>": "<file>", ...}.
std::optional<std::vector<named_file>> read_named_files(std::string_view json_text);

}  // namespace kingkung::br::detail
