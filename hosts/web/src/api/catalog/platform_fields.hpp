// Which input field a TikTok Shop product error is about, and how to say it to a seller, so the UI can
// show the platform's refusal next to the field (422 with "field").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kingkung::web::catalog {

enum class product_input { title, description, price, inventory };

// The field an error code of Partial Edit, Update Price or Update Inventory names: "title", "price",
// "inventory"...; empty when the code is not about one field. `sent` is the one field the request
// changed, blamed for the platform's generic "invalid parameter" code.
std::string field_for_code(std::int64_t code, product_input sent);

// A sentence for the seller about the code, ending with the platform's own words:
// "The title is too long for this shop's region (TikTok Shop: The product name exceed ...)".
std::string seller_message(std::int64_t code, std::string_view platform_message);

}  // namespace kingkung::web::catalog
