// Market modules add market rules (Mexico split shipment, Brazil invoices, ...) to the orders of the
// shops that select them in config. They reach the platform only through the host's shop_api.
// Added in 1.0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kingkung/plugin/result.hpp"

namespace kingkung::plugin {

// Capabilities a module declares (bit flags).
enum capability : std::uint32_t {
  capability_split_planning = 1u << 0,
  capability_invoice_handling = 1u << 1,
  capability_ship_gating = 1u << 2,
};

struct query_param {
  std::string name;
  std::string value;  // decoded; arrays are one comma-joined value
};

// The TikTok Shop API for one shop, provided by the host. Signing, rate limits, retries and token
// refresh stay in the host. Calls may block; they may be made from any thread, one shop_api per call.
class shop_api {
 public:
  virtual ~shop_api() = default;
  virtual std::string_view shop_id() const noexcept = 0;      // 1.0: host's platform shop id
  virtual std::string_view region() const noexcept = 0;       // 1.0: "MX", "BR", "US", ...
  virtual std::string_view seller_type() const noexcept = 0;  // 1.0: "CROSS_BORDER" or "LOCAL"
  // Calls one endpoint; on success returns the envelope's `data` as JSON text (may be "{}" or "null").
  // A non-zero envelope code becomes errc::rejected with "code NNN: message" in the message.
  virtual result<std::string> call(std::string_view method, std::string_view path,
                                   std::vector<query_param> query, std::string body_json) = 0;  // 1.0
  // Durable key/value state for this module and shop (plans, invoice status, ...). Values are text.
  virtual result<std::optional<std::string>> load_state(std::string_view key) = 0;           // 1.0
  virtual result<void> save_state(std::string_view key, std::string_view value) = 0;         // 1.0
};

struct order_line_view {
  std::string id;            // line item id
  std::string sku_id;
  std::string product_id;
  std::string product_name;
  std::string sku_name;
  std::string seller_sku;
  std::string sale_price;    // decimal string in major units
  std::string package_id;    // empty when not yet in a package
  std::string status;        // display_status
};

// An order as the host holds it. All strings; money is decimal text.
struct order_view {
  std::string shop_id;
  std::string order_id;
  std::string region;
  std::string seller_type;
  std::string status;        // UNPAID, AWAITING_SHIPMENT, ...
  std::string currency;
  std::string total_amount;
  std::string buyer_tax_id;  // CPF/CNPJ when the platform gave one (BR)
  std::vector<order_line_view> lines;
  std::vector<std::string> package_ids;
  std::string raw_json;      // the platform's order object as last stored
};

struct action_field {
  std::string name;
  std::string label;
  std::string type;      // "text", "file", "json", "select"
  bool required = false;
};

// An order action the web host renders generically (button, form, bulk menu entry).
struct action_spec {
  std::string name;         // stable id, e.g. "split.confirm"
  std::string label;        // button text
  std::string description;  // one sentence for the seller
  std::vector<action_field> fields;
  bool bulk = false;        // may run over many selected orders
};

struct action_state {
  bool applies = false;  // show it at all for this order
  bool enabled = false;  // may run now
  std::string reason;    // why not, in words a seller understands
};

struct ship_gate {
  bool allowed = true;
  std::string reason;  // when not allowed
};

struct action_input {
  std::string package_id;  // when the action is per package
  std::vector<std::pair<std::string, std::string>> fields;
};

struct action_outcome {
  std::string message;      // what happened, for the seller
  std::string result_json;  // structured detail for the UI and API ("{}" when none)
};

// One instance per shop that selects the module. Calls for one shop are serialised by the host;
// instances for different shops may be called concurrently.
class market_module {
 public:
  virtual ~market_module() = default;
  virtual std::uint32_t capabilities() const noexcept = 0;  // 1.0
  virtual std::vector<action_spec> actions() const = 0;     // 1.0
  // Whether an action applies to and can run on an order now.
  virtual result<action_state> action_state_for(std::string_view action, const order_view& order) noexcept = 0;  // 1.0
  // Whether the order's packages may ship now. No platform call is made when this says no.
  virtual result<ship_gate> check_ship(const order_view& order, shop_api& api) noexcept = 0;  // 1.0
  virtual result<action_outcome> run_action(std::string_view action, const order_view& order,
                                            const action_input& input, shop_api& api) noexcept = 0;  // 1.0
  // Called after the host stored a new or changed order of this shop.
  virtual result<void> on_order_changed(const order_view& order, shop_api& api) noexcept = 0;  // 1.0
  // Called for each webhook event of this shop (type number and the `data` object as JSON text).
  virtual result<void> on_event(int type, std::string_view data_json, shop_api& api) noexcept = 0;  // 1.0
};

}  // namespace kingkung::plugin
