// The `br-invoice` market module: validates NF-e files before upload, uploads them per package
// through the official endpoint, tracks each package's invoice status and keeps packages from
// shipping until their invoice is accepted. See docs/br-invoice.md.
#pragma once

#include <memory>
#include <string_view>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/plugin/market_module.hpp"
#include "kingkung/plugin/result.hpp"

namespace kingkung::br {

inline constexpr std::string_view module_name = "br-invoice";

// Action names (stable ids the UI and the API use).
inline constexpr std::string_view action_upload = "invoice.upload";
inline constexpr std::string_view action_upload_many = "invoice.upload_many";
inline constexpr std::string_view action_status = "invoice.status";
inline constexpr std::string_view action_label = "invoice.label";

// The module factory. `ctx.config()` is the module's `[markets.BR.br-invoice]` table: `cnpj` (the
// shop's emitter CNPJ, optional) and `total_tolerance` (decimal text, default "0.01"). A bad value is
// refused with an invalid_argument error naming the table and the key.
plugin::result<std::unique_ptr<plugin::market_module>> make_invoice_module(const plugin::host_context& ctx,
                                                                           std::string_view shop_id);

}  // namespace kingkung::br
