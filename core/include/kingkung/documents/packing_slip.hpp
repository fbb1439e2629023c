// Packing slips rendered by the product: one per package, listing the package's items of each order
// (product, SKU, seller SKU, price) and the recipient's name and address. Never the phone number.
#pragma once

#include <string>
#include <vector>

#include "kingkung/documents/pdf_writer.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/package.hpp"

namespace kingkung::documents {

struct packing_slip {
  std::string shop_name;
  std::string package_id;             // empty: the order has no package yet; every line is listed
  std::string tracking_number;        // may be empty
  std::vector<domain::order> orders;  // the package's orders (one, or several when combined)
};

// A4 pages (more than one when the items do not fit on one). Only the lines of `package_id` are listed
// when the orders' lines say which package they are in.
std::vector<page> render_packing_slip(const packing_slip& slip);

}  // namespace kingkung::documents
