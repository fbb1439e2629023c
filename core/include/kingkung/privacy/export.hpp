// The seller's right of access: everything held for a seller, written as it is read (a large seller never
// needs to fit in memory). Never exported: password hashes, tokens, shop ciphers, the app secret.
//
// JSON: one object
//   {"format":"kingkung-seller-export","version":1,"generated_at":<unix>,
//    "seller":{id,name,created_at}, "users":[{id,email,role,locale,created_at}],
//    "shops":[{id,name,code,region,seller_type,transport,modules,granted_scopes,state,demo,connected_at,
//              disconnected_at}],
//    "orders":[{shop_id,id,status,...,payment{...},recipient{...},lines[...]}],
//    "products":[...], "packages":[...], "invoices":[...],
//    "audit_log":[{id,user_id,action,target,detail,at}]}
// Money is decimal text ("199.90"), never a floating-point number; ids are strings.
//
// CSV (orders): RFC 4180 (comma, CRLF, fields with comma, quote, CR or LF quoted, quotes doubled), one row
// per order line with the order's columns repeated; a header row first. Text cells starting with = + - @
// (or a tab or CR) get a leading apostrophe so spreadsheets do not run them as formulas.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "kingkung/plugin/result.hpp"
#include "kingkung/privacy/actor.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::privacy {

template <class T>
using result = plugin::result<T>;

struct export_report {
  std::size_t shops = 0;
  std::size_t orders = 0;
  std::size_t order_lines = 0;
  std::size_t products = 0;
  std::size_t packages = 0;
  std::size_t invoices = 0;
  std::size_t audit_entries = 0;
};

// errc::not_found for an unknown seller (nothing written). An audit entry "privacy.export" records the
// export. `now` (Unix seconds, 0: system clock) is the generated_at value.
result<export_report> export_seller(storage::database& db, std::int64_t seller_id, std::ostream& out,
                                    const actor& who, std::int64_t now = 0);
result<export_report> export_orders_csv(storage::database& db, std::int64_t seller_id, std::ostream& out,
                                        const actor& who);

// One CSV field: quoted when needed (RFC 4180), formula-like text neutralised.
std::string csv_field(std::string_view text);
// A field holding a number this product formatted (money, Unix seconds): quoted when needed, never
// prefixed, so spreadsheets still read "-5.00" as a number.
std::string csv_number(std::string_view text);

}  // namespace kingkung::privacy
