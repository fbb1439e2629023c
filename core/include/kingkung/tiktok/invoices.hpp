// Brazil invoice upload (NF-e): POST /fulfillment/202502/invoice/upload, Brazil local sellers only.
// The XML is sent base64-encoded with file_type "XML"; order_ids is an array. Failures per invoice come
// back in `errors` (detail ids "package_id" and "order_ids"); the result itself arrives later by
// webhook (INVOICE_STATUS_CHANGE).
#pragma once

#include <string>
#include <vector>

#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

struct invoice_upload {
  std::string package_id;
  std::vector<std::string> order_ids;
  std::string xml;  // the NF-e XML as issued (raw bytes; encoded here)
};

result<write_outcome> upload_invoices(client& api, const shop_ref& shop,
                                      const std::vector<invoice_upload>& invoices);

// Standard base64 (RFC 4648, with padding, no line breaks).
std::string base64_encode(std::string_view bytes);

}  // namespace kingkung::tiktok
