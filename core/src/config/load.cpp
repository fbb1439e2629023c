// load(): read the file, parse it, run every section reader, and only when nothing is wrong, finish the
// few things that touch the outside (the demo app secret file).
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/diagnostics.hpp"
#include "config/environment.hpp"
#include "config/secret_file.hpp"
#include "config/sections.hpp"
#include "config/table_reader.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::config {
namespace {

using namespace detail;

struct file_text {
  std::optional<std::string> text;
  std::string problem;
};

file_text read_file(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    return {std::nullopt, "no file at " + std::filesystem::absolute(file, ec).string()};
  if (std::filesystem::is_directory(file, ec)) return {std::nullopt, "a folder"};
  std::ifstream in(file, std::ios::binary);
  if (!in) return {std::nullopt, "a file that cannot be read"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return {buffer.str(), {}};
}

void read_sections(const toml::table& root, load_context& ctx) {
  table_reader top(root, "", ctx.diag);
  top.reject_unknown_keys({"server", "database", "vault", "tiktok", "transports", "plugins", "markets",
                           "shops", "sync", "privacy", "demo", "log", "web"});
  // [demo] first: whether the demo is on changes what other sections require.
  read_demo(top.read_table("demo"), ctx);
  read_server(top.read_table("server"), ctx);
  read_database(top.read_table("database"), ctx);
  read_vault(top.read_table("vault"), ctx);
  const toml::table* tiktok = top.read_table("tiktok");
  read_tiktok(tiktok, ctx);
  read_transports(top.read_table("transports"), ctx);
  read_plugins(top.read_table("plugins"), ctx);
  read_markets(top.read_table("markets"), ctx);
  read_shops(root.get("shops"), ctx);
  read_sync(top.read_table("sync"), ctx);
  read_privacy(top.read_table("privacy"), ctx);
  read_log(top.read_table("log"), ctx);
  read_web(top.read_table("web"), ctx);
  resolve_app_secret(tiktok, ctx);
}

}  // namespace

load_result load(const std::filesystem::path& file, const load_options& options) {
  load_result result;
  diagnostics diag(file.string());

  auto contents = read_file(file);
  if (!contents.text) {
    diag.add({}, "", "a readable config file", contents.problem);
    result.errors = diag.take_sorted();
    return result;
  }

  toml::table root;
  try {
    root = toml::parse(*contents.text, file.string());
  } catch (const toml::parse_error& e) {
    diag.add(location_of(e.source()), "", "valid TOML", std::string(e.description()));
    result.errors = diag.take_sorted();
    return result;
  }

  std::error_code ec;
  app_config config;
  config.source = std::filesystem::absolute(file, ec).lexically_normal();
  config.source_name = file.string();
  environment env(options);
  load_context ctx{diag, env, config.source.parent_path(), config, {}};
  read_sections(root, ctx);

  if (diag.empty() && !ctx.demo_secret_to_create.empty()) {
    std::string problem;
    if (auto created = create_demo_secret_file(ctx.demo_secret_to_create, problem)) {
      config.tiktok.app_secret = std::move(*created);
      log::add_redaction(config.tiktok.app_secret.reveal());
      log::info("config", "created the demo app secret file " + ctx.demo_secret_to_create.string());
    } else {
      diag.add(config.location_of("tiktok.app_secret_file"), "tiktok.app_secret_file",
               "a demo app secret file that can be created", problem);
    }
  }

  result.errors = diag.take_sorted();
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

}  // namespace kingkung::config
