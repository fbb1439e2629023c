// kingkung users add EMAIL --seller NAME [--role owner|staff] [--password-stdin]
// Adds a sign-in account. The password is read from stdin (--password-stdin) or typed at a prompt with
// echo off; it is never taken from the command line, where ps and the shell history would keep it.
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "cli_support.hpp"
#include "kingkung/auth/password.hpp"
#include "kingkung/common/secret.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text =
    "usage: kingkung [--config FILE] users add EMAIL --seller NAME [--role owner|staff] [--password-stdin]\n"
    "  --seller NAME       the seller (tenant) the user belongs to; created when it does not exist\n"
    "  --role owner|staff  default: owner for a seller's first user, staff after that\n"
    "  --password-stdin    read the password from the first line of stdin (otherwise: prompt)\n";

constexpr std::size_t min_password = 12;
constexpr std::size_t max_password = 1024;

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kingkung users: %s\n%s", message.c_str(), usage_text);
  return 2;
}

int fail(const std::string& message) { return cli::fail("users add", message); }

struct add_options {
  std::string email;
  std::string seller;
  std::optional<domain::role> role;
  bool password_stdin = false;
};

// Parses the words after "users add"; an error message, or "" when fine.
std::string parse(const std::vector<std::string>& args, add_options& out) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value_of = [&](const std::string& flag, std::string& value) -> std::string {
      if (a == flag) {
        if (i + 1 >= args.size()) return flag + " needs a value";
        value = args[++i];
        return {};
      }
      value = a.substr(flag.size() + 1);
      return {};
    };
    std::string value;
    if (a == "--seller" || a.rfind("--seller=", 0) == 0) {
      if (auto e = value_of("--seller", value); !e.empty()) return e;
      out.seller = value;
    } else if (a == "--role" || a.rfind("--role=", 0) == 0) {
      if (auto e = value_of("--role", value); !e.empty()) return e;
      out.role = storage::parse_role(value);
      if (!out.role) return "--role must be owner or staff, got \"" + value + "\"";
    } else if (a == "--password-stdin") {
      out.password_stdin = true;
    } else if (a == "--password" || a.rfind("--password=", 0) == 0) {
      return "passwords are never taken from the command line (ps and the shell history would keep them): "
             "use "
             "--password-stdin or type it at the prompt";
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option \"" + a + "\"";
    } else if (out.email.empty()) {
      out.email = a;
    } else {
      return "unexpected argument \"" + a + "\" (one EMAIL per command)";
    }
  }
  if (out.email.empty()) return "EMAIL is missing";
  if (out.seller.empty()) return "--seller NAME is missing";
  return {};
}

// Echo stays off only while a prompt reads; an interrupt restores it before the process ends.
termios saved_terminal;
void restore_terminal_and_reraise(int sig) {
  ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

std::optional<secret> prompt_hidden(const std::string& prompt) {
  std::fprintf(stderr, "%s", prompt.c_str());
  std::fflush(stderr);
  if (::tcgetattr(STDIN_FILENO, &saved_terminal) != 0) return std::nullopt;
  termios quiet = saved_terminal;
  quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
  auto old_int = ::signal(SIGINT, restore_terminal_and_reraise);
  auto old_term = ::signal(SIGTERM, restore_terminal_and_reraise);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_terminal);
  ::signal(SIGINT, old_int);
  ::signal(SIGTERM, old_term);
  std::fprintf(stderr, "\n");
  if (!got) return std::nullopt;
  return secret(std::move(line));
}

// The password, or an error message.
std::optional<secret> read_password(const add_options& opts, std::string& problem) {
  secret password;
  if (opts.password_stdin) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      problem = "--password-stdin: stdin ended before a password line";
      return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    password = secret(std::move(line));
  } else if (::isatty(STDIN_FILENO)) {
    auto first = prompt_hidden("Password for " + opts.email + ": ");
    auto second = first ? prompt_hidden("Repeat the password: ") : std::nullopt;
    if (!first || !second) {
      problem = "no password was entered";
      return std::nullopt;
    }
    if (first->reveal() != second->reveal()) {
      problem = "the two passwords differ; nothing was changed";
      return std::nullopt;
    }
    password = std::move(*first);
  } else {
    problem =
        "stdin is not a terminal, so there is no prompt: pass --password-stdin to read the password from "
        "stdin";
    return std::nullopt;
  }
  if (password.size() < min_password || password.size() > max_password) {
    problem = "the password must be " + std::to_string(min_password) + " to " + std::to_string(max_password) +
              " characters long (it has " + std::to_string(password.size()) + ")";
    return std::nullopt;
  }
  return password;
}

int add(const invocation& in) {
  add_options opts;
  if (auto problem = parse(in.args, opts); !problem.empty()) return usage_error(problem);

  auto loaded = load_config(in);
  if (!loaded) return 1;
  const config::app_config& cfg = *loaded;
  auto db = open_database(cfg, "users add");
  if (!db) return 1;
  auto version = storage::schema_version(*db);
  if (!version) return fail(version.err().message);
  if (*version != storage::latest_schema_version())
    return fail("the database is at schema version " + std::to_string(*version) + " and this build needs " +
                std::to_string(storage::latest_schema_version()) + ": run `kingkung migrate` first");

  storage::user_repository users(*db);
  if (auto existing = users.find_by_email(opts.email); !existing) {
    return fail(existing.err().message);
  } else if (existing->has_value()) {
    return fail("a user with email " + (*existing)->email + " already exists; nothing was changed");
  }

  std::string problem;
  auto password = read_password(opts, problem);
  if (!password) return fail(problem);

  storage::seller_repository sellers(*db);
  auto seller = sellers.find_by_name(opts.seller);
  if (!seller) return fail(seller.err().message);
  domain::seller owner_seller;
  if (seller->has_value()) {
    owner_seller = **seller;
  } else {
    auto created = sellers.create(opts.seller);
    if (!created) return fail(created.err().message);
    owner_seller = *created;
    std::printf("created seller \"%s\" (id %lld)\n", owner_seller.name.c_str(),
                static_cast<long long>(owner_seller.id));
  }

  domain::user u;
  u.seller_id = owner_seller.id;
  u.email = opts.email;
  if (opts.role) {
    u.user_role = *opts.role;
  } else {
    auto existing = users.list_by_seller(owner_seller.id);
    if (!existing) return fail(existing.err().message);
    u.user_role = existing->empty() ? domain::role::owner : domain::role::staff;
  }
  u.password_hash = auth::hash_password(password->reveal());
  auto added = users.add(u);
  if (!added) return fail(added.err().message);

  std::string role(storage::to_string(added->user_role));
  auto audited = storage::audit_repository(*db).append(
      {0, owner_seller.id, 0, "user.add", added->email, "role " + role + ", by the admin CLI", 0});
  if (!audited) log::warn("cli", "user added, but the audit entry failed: " + audited.err().message);
  std::printf("added %s %s to seller \"%s\" (user id %lld)\n", role.c_str(), added->email.c_str(),
              owner_seller.name.c_str(), static_cast<long long>(added->id));
  return 0;
}

}  // namespace

int cmd_users(const invocation& in) {
  if (in.args.empty()) return usage_error("a subcommand is missing");
  if (in.args[0] == "-h" || in.args[0] == "--help") {
    std::fputs(usage_text, stdout);
    return 0;
  }
  if (in.args[0] == "add") return add(in);
  return usage_error("unknown subcommand \"" + in.args[0] + "\"");
}

}  // namespace kingkung::cli
