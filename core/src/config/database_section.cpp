// [database]
#include "config/database_url.hpp"
#include "config/sections.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/database.hpp"

namespace kingkung::config::detail {

void read_database(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "database", ctx.diag);
  auto& db = ctx.config.database;
  r.reject_unknown_keys({"url", "pool_size"});
  r.read("pool_size", db.pool_size, 1, 64);

  std::string url = "sqlite3:../var/kingkung.db";
  r.read("url", url, /*hide_value=*/true);
  std::string problem;
  auto checked = check_database_url(url, ctx.base_dir, problem);
  if (!checked) {
    r.invalid("url", problem, "a string " + quote_text(redact_url(url)));
    return;
  }
  db.url = checked->url;
  if (checked->is_mysql) {
    if (auto password = ctx.env.get(database_password_variable)) {
      db.url = with_password(db.url, *password);
      log::add_redaction(*password);
    }
    log::add_redaction(password_of(db.url));
  }
  // The storage layer has the last word on details (escapes, hosts); its messages never show a password.
  if (auto parsed = storage::database_url::parse(db.url); !parsed) {
    std::string message = parsed.err().message;
    constexpr std::string_view prefix = "database url: ";
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    r.invalid("url", "a database url the storage layer accepts", message);
  }
}

}  // namespace kingkung::config::detail
