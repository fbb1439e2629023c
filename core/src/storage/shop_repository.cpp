#include "kingkung/storage/shop_repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "kingkung/vault/token_vault.hpp"
#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/statement_cache.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

std::string cipher_context(std::string_view shop_id) {
  return "shop_cipher:" + std::string(shop_id);
}

struct shop_columns {
  std::string id;
  long long seller_id = 0;
  std::string name;
  std::string region;
  std::string seller_type;
  std::string cipher_sealed;
  std::string transport;
  std::string modules;
  std::string granted_scopes;
  std::string state;
  int demo = 0;
  long long connected_at = 0;
  long long disconnected_at = 0;
  std::string code;

  // Every column in table order; `f(name, field)`.
  template <class F>
  void visit(F&& f) {
    f("id", id);
    f("seller_id", seller_id);
    f("name", name);
    f("region", region);
    f("seller_type", seller_type);
    f("cipher_sealed", cipher_sealed);
    f("transport", transport);
    f("modules", modules);
    f("granted_scopes", granted_scopes);
    f("state", state);
    f("demo", demo);
    f("connected_at", connected_at);
    f("disconnected_at", disconnected_at);
    f("code", code);
  }
};

std::string column_list() {
  std::string out;
  shop_columns probe;
  probe.visit([&](const char* name, auto&) { out += (out.empty() ? "" : ", ") + std::string(name); });
  return out;
}

std::string shop_problem(const domain::shop& s) {
  if (auto p = detail::length_problem("the shop id", s.id, 64); !p.empty()) return p;
  if (auto p = detail::length_problem("the region", s.region, 16, false); !p.empty()) return p;
  if (auto p = detail::length_problem("the seller type", s.seller_type, 32, false); !p.empty()) return p;
  if (auto p = detail::length_problem("the transport", s.transport, 64, false); !p.empty()) return p;
  if (auto p = detail::length_problem("the shop code", s.code, 64, false); !p.empty()) return p;
  if (s.name.size() > 1000) return "the shop name is longer than 1000 characters";
  return {};
}

// The orders page lists the seller's shops on every request: kept prepared (statement_cache.hpp), and
// sorted here (a handful of rows; byte order, as the BINARY and utf8mb4_bin collations sort).
struct marked_shops_of_seller {
  std::string id;
  long long seller_id = 0;
  std::string name;
  std::string region;
  std::string state;
  long long connected_at = 0;
  long long disconnected_at = 0;
  long long mark = 0;
  long long key = 0;
  soci::statement st;

  explicit marked_shops_of_seller(soci::session& sql)
      : st((sql.prepare << "SELECT id, seller_id, name, region, state, connected_at, disconnected_at,"
                           " COALESCE((SELECT mark FROM order_change_marks"
                           " WHERE order_change_marks.shop_id = shops.id), 0)"
                           " FROM shops WHERE seller_id = :seller_id",
            soci::into(id), soci::into(seller_id), soci::into(name), soci::into(region), soci::into(state),
            soci::into(connected_at), soci::into(disconnected_at), soci::into(mark), soci::use(key))) {}

  std::vector<marked_shop> read(const detail::statement_cache& kept, long long seller) {
    detail::kept_statement_use use(kept, st);
    key = seller;
    st.execute();
    std::vector<marked_shop> out;
    while (st.fetch()) {
      auto parsed = parse_shop_state(state);
      if (!parsed) throw std::runtime_error("shops.state holds \"" + state + "\", which is not a shop state");
      out.push_back({id, seller_id, name, region, *parsed, connected_at, disconnected_at, mark});
    }
    std::sort(out.begin(), out.end(), [](const marked_shop& a, const marked_shop& b) {
      return a.name != b.name ? a.name < b.name : a.id < b.id;
    });
    return out;
  }
};

class shop_reader {
 public:
  explicit shop_reader(const vault::token_vault& vault, bool open_ciphers = true)
      : vault_(vault), open_ciphers_(open_ciphers) {}

  // Runs SELECT <columns> FROM shops <where> and opens each cipher (unless told not to).
  template <class... Keys>
  result<std::vector<domain::shop>> read(soci::session& sql, std::string_view operation,
                                         std::string_view where, const Keys&... keys) {
    shop_columns row;
    soci::statement st(sql);
    row.visit([&](const char*, auto& field) { st.exchange(soci::into(field)); });
    (st.exchange(soci::use(keys)), ...);
    st.alloc();
    st.prepare("SELECT " + column_list() + " FROM shops " + std::string(where));
    st.define_and_bind();
    st.execute();
    std::vector<domain::shop> out;
    while (st.fetch()) {
      if (!open_ciphers_) row.cipher_sealed.clear();
      auto shop = to_domain(operation, row);
      if (!shop) return std::move(shop).err();
      out.push_back(std::move(*shop));
    }
    return out;
  }

 private:
  result<domain::shop> to_domain(std::string_view operation, const shop_columns& row) const {
    domain::shop s;
    s.id = row.id;
    s.seller_id = row.seller_id;
    s.name = row.name;
    s.region = row.region;
    s.seller_type = row.seller_type;
    if (!row.cipher_sealed.empty()) {
      auto opened = vault_.open_value(cipher_context(row.id), row.cipher_sealed);
      if (!opened)
        return make_error(opened.err().code, std::string(operation) + ": the shop cipher of shop " + row.id +
                                                 " cannot be opened: " + opened.err().message);
      s.cipher = std::move(*opened);
    }
    s.transport = row.transport;
    s.modules = detail::strings_from_column(row.modules, "shops.modules");
    s.granted_scopes = detail::strings_from_column(row.granted_scopes, "shops.granted_scopes");
    auto state = parse_shop_state(row.state);
    if (!state)
      throw std::runtime_error("shops.state holds \"" + row.state + "\", which is not a shop state");
    s.state = *state;
    s.demo = row.demo != 0;
    s.connected_at = row.connected_at;
    s.disconnected_at = row.disconnected_at;
    s.code = row.code;
    return s;
  }

  const vault::token_vault& vault_;
  bool open_ciphers_;
};

// UPDATE ... WHERE id = :id; errc::not_found when no shop has that id.
template <class... Values>
result<void> update_shop(soci::session& sql, std::string_view operation, const std::string& set_clause,
                         const std::string& shop_id, const Values&... values) {
  soci::statement st(sql);
  (st.exchange(soci::use(values)), ...);
  st.exchange(soci::use(shop_id));
  st.alloc();
  st.prepare("UPDATE shops SET " + set_clause + " WHERE id = :id");
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() > 0) return {};
  // MySQL counts only changed rows: an update that changes nothing still has to find the shop.
  int found = 0;
  sql << "SELECT count(*) FROM shops WHERE id = :id", soci::use(shop_id), soci::into(found);
  if (found == 0) return make_error(errc::not_found, std::string(operation) + ": no shop with id " + shop_id);
  return {};
}

}  // namespace

std::string_view to_string(domain::shop_state s) noexcept {
  switch (s) {
    case domain::shop_state::connected:
      return "connected";
    case domain::shop_state::needs_reauthorization:
      return "needs_reauthorization";
    case domain::shop_state::disconnected:
      return "disconnected";
  }
  return "connected";
}

std::optional<domain::shop_state> parse_shop_state(std::string_view text) {
  if (text == "connected") return domain::shop_state::connected;
  if (text == "needs_reauthorization") return domain::shop_state::needs_reauthorization;
  if (text == "disconnected") return domain::shop_state::disconnected;
  return std::nullopt;
}

result<void> shop_repository::upsert(const domain::shop& shop) {
  constexpr std::string_view op = "shops.upsert";
  if (auto p = shop_problem(shop); !p.empty()) return detail::invalid(op, p);

  shop_columns row;
  row.id = shop.id;
  row.seller_id = shop.seller_id;
  row.name = shop.name;
  row.region = shop.region;
  row.seller_type = shop.seller_type;
  try {
    if (!shop.cipher.empty()) row.cipher_sealed = vault_.seal_value(cipher_context(shop.id), shop.cipher);
  } catch (const std::exception& e) {
    return make_error(errc::internal, std::string(op) + ": sealing the shop cipher of shop " + shop.id +
                                          " failed: " + e.what());
  }
  row.transport = shop.transport;
  row.modules = detail::strings_to_column(shop.modules);
  row.granted_scopes = detail::strings_to_column(shop.granted_scopes);
  row.state = std::string(to_string(shop.state));
  row.demo = shop.demo ? 1 : 0;
  row.connected_at = shop.connected_at != 0 ? shop.connected_at : detail::unix_now();
  row.disconnected_at = shop.disconnected_at;
  row.code = shop.code;

  const char* lock = db_.kind() == backend::mysql ? " FOR UPDATE" : "";
  return detail::in_transaction(db_, op, [&](soci::session& sql) -> result<void> {
    int sellers = 0;
    sql << "SELECT count(*) FROM sellers WHERE id = :id", soci::use(row.seller_id), soci::into(sellers);
    if (sellers == 0)
      return make_error(errc::not_found,
                        std::string(op) + ": seller " + std::to_string(row.seller_id) + " does not exist");
    long long owner = 0;
    soci::indicator owner_ind = soci::i_null;
    sql << std::string("SELECT seller_id FROM shops WHERE id = :id") + lock, soci::use(row.id),
        soci::into(owner, owner_ind);
    bool exists = sql.got_data() && owner_ind == soci::i_ok;
    if (exists && owner != row.seller_id)
      return make_error(errc::failed_precondition, std::string(op) + ": shop " + row.id +
                                                       " belongs to seller " + std::to_string(owner) +
                                                       "; it must be purged before seller " +
                                                       std::to_string(row.seller_id) + " can connect it");

    soci::statement st(sql);
    std::string sql_text;
    if (exists) {
      std::string assignments;
      row.visit([&](const char* name, auto& field) {
        if (std::string_view(name) == "id") return;
        st.exchange(soci::use(field));
        assignments += (assignments.empty() ? "" : ", ") + std::string(name) + " = :" + name;
      });
      st.exchange(soci::use(row.id));
      sql_text = "UPDATE shops SET " + assignments + " WHERE id = :key";
    } else {
      std::string names;
      std::string values;
      row.visit([&](const char* name, auto& field) {
        st.exchange(soci::use(field));
        names += (names.empty() ? "" : ", ") + std::string(name);
        values += (values.empty() ? ":" : ", :") + std::string(name);
      });
      sql_text = "INSERT INTO shops (" + names + ") VALUES (" + values + ")";
    }
    st.alloc();
    st.prepare(sql_text);
    st.define_and_bind();
    st.execute(true);
    return {};
  });
}

result<std::optional<domain::shop>> shop_repository::get(std::string_view shop_id) {
  std::string key(shop_id);
  return detail::with_session(
      db_, "shops.get", [&](soci::session& sql) -> result<std::optional<domain::shop>> {
        auto shops = shop_reader(vault_).read(sql, "shops.get", "WHERE id = :id", key);
        if (!shops) return std::move(shops).err();
        if (shops->empty()) return std::optional<domain::shop>();
        return std::optional<domain::shop>(std::move(shops->front()));
      });
}

result<std::vector<domain::shop>> shop_repository::list_by_seller(std::int64_t seller_id) {
  long long key = seller_id;
  return detail::with_session(db_, "shops.list_by_seller", [&](soci::session& sql) {
    return shop_reader(vault_).read(sql, "shops.list_by_seller",
                                    "WHERE seller_id = :seller_id ORDER BY name, id", key);
  });
}

result<std::vector<domain::shop>> shop_repository::list_by_seller_sealed(std::int64_t seller_id) {
  long long key = seller_id;
  return detail::with_session(db_, "shops.list_by_seller", [&](soci::session& sql) {
    return shop_reader(vault_, false)
        .read(sql, "shops.list_by_seller", "WHERE seller_id = :seller_id ORDER BY name, id", key);
  });
}

result<std::vector<marked_shop>> shop_repository::list_by_seller_marked(std::int64_t seller_id) {
  return detail::with_kept_statements(
      db_, "shops.list_by_seller_marked",
      [&](soci::session& sql, detail::statement_cache& kept) -> result<std::vector<marked_shop>> {
        return kept.get<marked_shops_of_seller>(sql).read(kept, seller_id);
      });
}

result<std::vector<domain::shop>> shop_repository::list_demo() {
  return detail::with_session(db_, "shops.list_demo", [&](soci::session& sql) {
    return shop_reader(vault_).read(sql, "shops.list_demo", "WHERE demo = 1 ORDER BY seller_id, name, id");
  });
}

result<void> shop_repository::set_state(std::string_view shop_id, domain::shop_state state) {
  std::string id(shop_id);
  std::string value(to_string(state));
  return detail::with_session(db_, "shops.set_state", [&](soci::session& sql) -> result<void> {
    if (state == domain::shop_state::disconnected) {
      long long now = detail::unix_now();
      return update_shop(sql, "shops.set_state",
                         "state = :state, disconnected_at = CASE WHEN disconnected_at = 0 THEN :now"
                         " ELSE disconnected_at END",
                         id, value, now);
    }
    return update_shop(sql, "shops.set_state", "state = :state, disconnected_at = 0", id, value);
  });
}

result<void> shop_repository::mark_disconnected(std::string_view shop_id, std::int64_t at) {
  std::string id(shop_id);
  std::string value(to_string(domain::shop_state::disconnected));
  long long when = at;
  return detail::with_session(db_, "shops.mark_disconnected", [&](soci::session& sql) {
    return update_shop(sql, "shops.mark_disconnected", "state = :state, disconnected_at = :at", id, value,
                       when);
  });
}

}  // namespace kingkung::storage
