#include "api/orders/order_page_cache.hpp"

#include <algorithm>

namespace kingkung::web::orders {
namespace {

// Length-prefixed, so no text can pass for another split differently.
void add_field(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

std::string entry_key(std::int64_t seller_id, const std::string& query) {
  std::string key = std::to_string(seller_id);
  key += '\n';
  key += query;
  return key;
}

}  // namespace

std::optional<std::string> order_page_cache::find(std::int64_t seller_id, const std::string& query,
                                                  const std::string& fingerprint) {
  const std::string key = entry_key(seller_id, query);
  std::lock_guard lock(mutex_);
  auto it = by_key_.find(key);
  if (it == by_key_.end() || it->second->fingerprint != fingerprint) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->body;
}

void order_page_cache::store(std::int64_t seller_id, const std::string& query, const std::string& fingerprint,
                             std::string body) {
  std::string key = entry_key(seller_id, query);
  const std::size_t size = key.size() + fingerprint.size() + body.size();
  if (size > limits_.max_bytes || limits_.max_entries == 0) return;
  std::lock_guard lock(mutex_);
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    bytes_ -= it->second->key.size() + it->second->fingerprint.size() + it->second->body.size();
    lru_.erase(it->second);
    by_key_.erase(it);
  }
  lru_.push_front(entry{key, fingerprint, std::move(body)});
  by_key_.emplace(std::move(key), lru_.begin());
  bytes_ += size;
  evict_to_fit();
}

void order_page_cache::evict_to_fit() {
  while (!lru_.empty() && (lru_.size() > limits_.max_entries || bytes_ > limits_.max_bytes)) {
    auto& last = lru_.back();
    bytes_ -= last.key.size() + last.fingerprint.size() + last.body.size();
    by_key_.erase(last.key);
    lru_.pop_back();
  }
}

std::size_t order_page_cache::entries() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

std::size_t order_page_cache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::string first_page_query(const storage::order_search_request& request) {
  if (!request.cursor.empty()) return {};
  const auto& f = request.filter;
  std::vector<std::string> shops = f.shop_ids;
  std::sort(shops.begin(), shops.end());
  std::string out;
  out += std::to_string(shops.size());
  out += ':';
  for (const auto& s : shops) add_field(out, s);
  add_field(out, f.status ? domain::to_string(*f.status) : std::string_view("-"));
  add_field(out, f.query);
  add_field(out, storage::to_string(request.sort));
  add_field(out, f.created_from ? std::to_string(*f.created_from) : "-");
  add_field(out, f.created_to ? std::to_string(*f.created_to) : "-");
  add_field(out, std::to_string(request.limit));
  return out;
}

std::string shops_fingerprint(const std::vector<storage::marked_shop>& shops) {
  std::vector<const storage::marked_shop*> sorted;
  for (const auto& s : shops) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
  std::string out;
  for (const auto* s : sorted) {
    add_field(out, s->id);
    add_field(out, std::to_string(s->seller_id));
    add_field(out, s->name);
    add_field(out, s->region);
    add_field(out, std::to_string(static_cast<int>(s->state)));
    add_field(out, std::to_string(s->connected_at));
    add_field(out, std::to_string(s->disconnected_at));
    add_field(out, std::to_string(s->orders_mark));
  }
  return out;
}

}  // namespace kingkung::web::orders
