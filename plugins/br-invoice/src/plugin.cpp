// The br-invoice plugin: registers the "br-invoice" market module (Brazil NF-e validation and upload,
// invoice status, ship gating). Registration happens only in register_plugin.
#include "kingkung/plugin/plugin.hpp"
#include "kingkung/br/invoice_module.hpp"

namespace {

namespace plugin = kingkung::plugin;

plugin::result<std::unique_ptr<plugin::market_module>> make_module(const plugin::host_context& ctx,
                                                                   std::string_view shop_id) {
  return kingkung::br::make_invoice_module(ctx, shop_id);
}

plugin::result<void> register_plugin(plugin::registrar& r) {
  return r.add_market_module(kingkung::br::module_name, &make_module);
}

}  // namespace

KINGKUNG_PLUGIN("br-invoice", "1.0.0", kingkung::plugin::kind_market_module,
                "Brazil NF-e invoices: validation, upload, status and ship gating", &register_plugin)
