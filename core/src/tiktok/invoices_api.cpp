#include "kingkung/tiktok/invoices.hpp"

#include <openssl/evp.h>

#include "tiktok/api_support.hpp"

namespace kingkung::tiktok {

using detail::json::array;
using detail::json::object;

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  if (bytes.empty()) return out;
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

result<write_outcome> upload_invoices(client& api, const shop_ref& shop,
                                      const std::vector<invoice_upload>& invoices) {
  const auto& ep = endpoints::upload_invoice;
  api_error error;
  if (invoices.empty()) return detail::bad_argument(ep, "invoices", "at least one invoice", "none");
  array items;
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    const auto& invoice = invoices[i];
    const std::string where = "invoices[" + std::to_string(i) + "]";
    if (!detail::check_id(ep, where + ".package_id", invoice.package_id, error)) return error;
    if (invoice.order_ids.empty())
      return detail::bad_argument(ep, where + ".order_ids", "at least one order id", "none");
    if (invoice.xml.empty()) return detail::bad_argument(ep, where + ".xml", "the NF-e XML", "an empty file");
    items.push_back(object{{"package_id", invoice.package_id},
                           {"order_ids", detail::to_array(invoice.order_ids)},
                           {"file_type", "XML"},
                           {"file", base64_encode(invoice.xml)}});
  }
  auto call = detail::make_request(ep);
  call.body = detail::to_body(object{{"invoices", std::move(items)}});
  return detail::call_write(api, shop, call);
}

}  // namespace kingkung::tiktok
