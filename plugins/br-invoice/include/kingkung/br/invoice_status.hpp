// The invoice status the module tracks per package: none -> PROCESSING (uploaded) -> SUCCESS or
// INVALID(reason), from INVOICE_STATUS_CHANGE webhooks and, as a fallback, from the order's
// `need_upload_invoice`. An INVALID invoice may be replaced by a new upload.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kingkung::br {

enum class invoice_state { processing, success, invalid };

std::string_view to_string(invoice_state state);
std::optional<invoice_state> invoice_state_from(std::string_view text);  // "PROCESSING", "SUCCESS", "INVALID"

struct invoice_record {
  invoice_state state = invoice_state::processing;
  std::string reason;      // platform invalid_reason when INVALID: FAILED, NOT_FOUND, ...
  std::string access_key;  // of the uploaded NF-e, when known
  std::vector<std::string> order_ids;
  bool platform_processing_seen = false;  // the order was seen as INVOICE_PROCESSING after the upload
};

// The platform's invalid_reason in words a seller understands, with what to do next.
std::string explain_invalid_reason(std::string_view reason);

// The text stored in module state, and back (nullopt for text this module did not write).
std::string to_state_text(const invoice_record& record);
std::optional<invoice_record> record_from_state_text(std::string_view text);

}  // namespace kingkung::br
