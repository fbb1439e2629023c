// [tiktok] and where the app secret comes from
#include <system_error>

#include "config/secret_file.hpp"
#include "config/sections.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::config::detail {

void read_tiktok(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "tiktok", ctx.diag);
  auto& t = ctx.config.tiktok;
  r.reject_unknown_keys({"app_key", "app_secret", "app_secret_file", "service_id", "authorize_url",
                         "qps_per_api", "max_retries", "backoff_base_ms", "backoff_cap_ms"});
  if (r.find("app_secret") != nullptr)
    r.invalid("app_secret", "no app secret written in the config file", "an app secret (not shown here)",
              std::string("set it in env ") + app_secret_variable +
                  " or put it in a file named by tiktok.app_secret_file");

  if (r.find("app_key") == nullptr)
    r.missing("app_key", "the app key from TikTok Shop Partner Center");
  else if (r.read("app_key", t.app_key) && t.app_key.empty())
    r.invalid("app_key", "the app key from TikTok Shop Partner Center", "an empty string");

  r.read("service_id", t.service_id);
  std::string url;
  if (r.read("authorize_url", url)) {
    if (is_http_url(url))
      t.authorize_url = url;
    else
      r.invalid("authorize_url",
                "an absolute https:// URL such as \"https://services.tiktokshop.com/open/authorize\"");
  }
  r.read("qps_per_api", t.qps_per_api, 1, 50);
  r.read("max_retries", t.max_retries, 0, 10);
  const bool base_set = r.read("backoff_base_ms", t.backoff_base_ms, 1, 60000);
  const bool cap_set = r.read("backoff_cap_ms", t.backoff_cap_ms, 1, 600000);
  if ((base_set || cap_set) && t.backoff_cap_ms < t.backoff_base_ms) {
    const char* key = cap_set ? "backoff_cap_ms" : "backoff_base_ms";
    r.invalid(key, "backoff_cap_ms at least backoff_base_ms (" + std::to_string(t.backoff_base_ms) + ")",
              "backoff_cap_ms = " + std::to_string(t.backoff_cap_ms));
  }
  std::string file;
  if (r.read("app_secret_file", file)) {
    if (file.empty())
      r.invalid("app_secret_file", "a path to the file holding the app secret", "an empty string");
    else
      t.app_secret_file = resolve_path(ctx.base_dir, file);
    ctx.config.locations["tiktok.app_secret_file"] = r.where("app_secret_file");
  }
}

void resolve_app_secret(const toml::table* table, load_context& ctx) {
  auto r = reader_for(table, "tiktok", ctx.diag);
  auto& t = ctx.config.tiktok;
  if (auto value = ctx.env.get(app_secret_variable)) {
    t.app_secret = secret(std::move(*value));
    t.app_secret_source = std::string("env ") + app_secret_variable;
  } else if (!t.app_secret_file.empty()) {
    std::error_code ec;
    t.app_secret_source = t.app_secret_file.string();
    if (!std::filesystem::exists(t.app_secret_file, ec)) {
      if (ctx.config.demo.enabled) {
        ctx.demo_secret_to_create = t.app_secret_file;
      } else {
        r.invalid("app_secret_file", "an existing file holding the app secret",
                  "no file at " + t.app_secret_file.string(),
                  std::string("create it with mode 0600, or set env ") + app_secret_variable);
      }
    } else {
      std::string problem;
      if (auto s = read_secret_file(t.app_secret_file, problem)) {
        t.app_secret = std::move(*s);
        if (readable_by_others(t.app_secret_file))
          log::warn("config", "the app secret file " + t.app_secret_file.string() +
                                  " is readable by group or others; chmod 600 it");
      } else {
        r.invalid("app_secret_file", "a file holding the app secret",
                  problem + " at " + t.app_secret_file.string());
      }
    }
  } else if (r.find("app_secret") == nullptr && r.find("app_secret_file") == nullptr) {
    // A written app_secret or a bad app_secret_file was reported already; say nothing twice.
    ctx.diag.add(r.where(), "tiktok",
                 std::string("the app secret from env ") + app_secret_variable +
                     " or from the file named by tiktok.app_secret_file",
                 "neither is set");
  }
  if (!t.app_secret.empty()) log::add_redaction(t.app_secret.reveal());
}

}  // namespace kingkung::config::detail
