#include "invoice_store.hpp"

namespace kingkung::br::detail {
namespace {

std::string record_key(const std::string& package_id) {
  return "invoice:" + package_id;
}
std::string access_key_key(const std::string& access_key) {
  return "access_key:" + access_key;
}

}  // namespace

plugin::result<std::optional<invoice_record>> invoice_store::get(plugin::shop_api& api,
                                                                 const std::string& package_id) {
  auto text = api.load_state(record_key(package_id));
  if (!text) return std::move(text).err();
  if (!*text) {
    cache_.erase(package_id);
    return std::optional<invoice_record>{};
  }
  std::optional<invoice_record> record = record_from_state_text(**text);
  if (!record)
    return plugin::make_error(plugin::errc::internal,
                              "the stored invoice status of package " + package_id + " is unreadable");
  cache_[package_id] = *record;
  return record;
}

plugin::result<void> invoice_store::put(plugin::shop_api& api, const std::string& package_id,
                                        const invoice_record& record) {
  if (auto saved = api.save_state(record_key(package_id), to_state_text(record)); !saved) return saved;
  cache_[package_id] = record;
  if (!record.access_key.empty()) return api.save_state(access_key_key(record.access_key), package_id);
  return {};
}

plugin::result<std::optional<std::string>> invoice_store::package_for_key(plugin::shop_api& api,
                                                                          const std::string& access_key) {
  return api.load_state(access_key_key(access_key));
}

const invoice_record* invoice_store::cached(const std::string& package_id) const {
  auto it = cache_.find(package_id);
  return it == cache_.end() ? nullptr : &it->second;
}

}  // namespace kingkung::br::detail
