#include "kingkung/br/invoice_status.hpp"

#include <boost/json.hpp>

namespace kingkung::br {

namespace json = boost::json;

std::string_view to_string(invoice_state state) {
  switch (state) {
    case invoice_state::processing:
      return "PROCESSING";
    case invoice_state::success:
      return "SUCCESS";
    case invoice_state::invalid:
      return "INVALID";
  }
  return "PROCESSING";
}

std::optional<invoice_state> invoice_state_from(std::string_view text) {
  if (text == "PROCESSING") return invoice_state::processing;
  if (text == "SUCCESS") return invoice_state::success;
  if (text == "INVALID") return invoice_state::invalid;
  return std::nullopt;
}

std::string explain_invalid_reason(std::string_view reason) {
  if (reason == "FAILED")
    return "TikTok Shop could not read the NF-e or its access key is invalid. Check that you uploaded the "
           "authorised XML of this sale and upload it again.";
  if (reason == "ACCESS_KEY_DUPLICATE")
    return "This NF-e's access key was already used for another package. Every package needs its own NF-e: "
           "issue one for this package and upload it.";
  if (reason == "NOT_FOUND")
    return "TikTok Shop could not find this NF-e at SEFAZ. A new NF-e can take a while to become visible: "
           "wait a few minutes and upload it again, and check that it was transmitted to SEFAZ.";
  if (reason == "NOT_AUTHORIZED")
    return "This NF-e is not authorised for use at SEFAZ (not issued, denied or cancelled). Issue an "
           "authorised NF-e and upload it.";
  return "TikTok Shop did not accept the NF-e and gave no specific reason" +
         (reason.empty() || reason == "UNKNOWN" ? std::string() : " (" + std::string(reason) + ")") +
         ". Check the NF-e and upload it again; contact TikTok Shop support if it is refused again.";
}

std::string to_state_text(const invoice_record& record) {
  json::array orders;
  for (const auto& id : record.order_ids) orders.emplace_back(id);
  json::object o{{"status", to_string(record.state)},
                 {"reason", record.reason},
                 {"access_key", record.access_key},
                 {"order_ids", std::move(orders)},
                 {"processing_seen", record.platform_processing_seen}};
  return json::serialize(o);
}

std::optional<invoice_record> record_from_state_text(std::string_view text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  if (!o) return std::nullopt;
  auto string_at = [&](std::string_view key) -> std::string {
    const json::value* f = o->if_contains(key);
    return f && f->is_string() ? std::string(f->get_string()) : std::string();
  };
  auto state = invoice_state_from(string_at("status"));
  if (!state) return std::nullopt;
  invoice_record r;
  r.state = *state;
  r.reason = string_at("reason");
  r.access_key = string_at("access_key");
  if (const json::value* ids = o->if_contains("order_ids"); ids && ids->is_array())
    for (const auto& id : ids->get_array())
      if (id.is_string()) r.order_ids.emplace_back(id.get_string());
  if (const json::value* seen = o->if_contains("processing_seen"); seen && seen->is_bool())
    r.platform_processing_seen = seen->get_bool();
  return r;
}

}  // namespace kingkung::br
