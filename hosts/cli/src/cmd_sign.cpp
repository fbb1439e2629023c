// kingkung sign: prints the string to sign and the signature of a TikTok Shop request, built exactly as
// the client builds it. What a seller's engineer compares when the platform answers 106001.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "kingkung/common/secret.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/tiktok/signature.hpp"

namespace kingkung::cli {
namespace {

constexpr std::string_view usage_text =
    "usage: kingkung [--config FILE] sign --method M --path P [--query k=v]... [--body JSON | --body-file "
    "F]\n"
    "                                     [--timestamp N] [--app-key K] [--content-type T]\n"
    "The app secret comes from KINGKUNG_TIKTOK_APP_SECRET or from the config; it is never printed.\n";

struct sign_args {
  std::string method;
  std::string path;
  std::vector<tiktok::query_param> query;
  std::vector<std::string> notes;
  std::optional<std::string> body;
  std::optional<std::string> body_file;
  std::optional<std::int64_t> timestamp;
  std::string app_key;
  std::string content_type = "application/json";
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kingkung sign: %s\n\n%.*s", message.c_str(), static_cast<int>(usage_text.size()),
               usage_text.data());
  return 2;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return std::stoll(std::string(text));
}

std::string utc_text(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "?";
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

// Adds k=v; a repeated key is comma-joined, the way array values are signed and sent.
void add_query(sign_args& args, std::string name, std::string value) {
  for (auto& p : args.query) {
    if (p.name == name) {
      p.value += "," + value;
      args.notes.push_back("query \"" + name + "\" given more than once: sent and signed as one value \"" +
                           p.value + "\"");
      return;
    }
  }
  args.query.push_back({std::move(name), std::move(value)});
}

// Returns 0 when parsed; otherwise the exit code after printing the problem.
int parse(const invocation& in, sign_args& args) {
  const auto& a = in.args;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& flag = a[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= a.size()) return false;
      out = a[++i];
      return true;
    };
    std::string v;
    if (flag == "-h" || flag == "--help") {
      std::fwrite(usage_text.data(), 1, usage_text.size(), stdout);
      return -1;
    }
    if (flag != "--method" && flag != "--path" && flag != "--query" && flag != "--body" &&
        flag != "--body-file" && flag != "--timestamp" && flag != "--app-key" && flag != "--content-type") {
      return usage_error("unknown argument \"" + flag + "\"");
    }
    if (!value(v)) return usage_error(flag + ": expected a value, found the end of the command line");
    if (flag == "--method") {
      for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (v != "GET" && v != "POST" && v != "PUT" && v != "DELETE")
        return usage_error("--method: expected GET, POST, PUT or DELETE, found \"" + v + "\"");
      args.method = v;
    } else if (flag == "--path") {
      if (v.empty() || v.front() != '/')
        return usage_error("--path: expected a path starting with '/', found \"" + v + "\"");
      if (v.find('?') != std::string::npos)
        return usage_error(
            "--path: expected a path without a query (pass parameters with --query k=v), found \"" + v +
            "\"");
      if (v.size() > 1 && v.back() == '/') {
        args.notes.push_back("--path ends with '/': the platform signs the path without it, removed");
        while (v.size() > 1 && v.back() == '/') v.pop_back();
      }
      args.path = v;
    } else if (flag == "--query") {
      auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0)
        return usage_error("--query: expected k=v, found \"" + v + "\"");
      std::string name = v.substr(0, eq);
      if (name == "access_token" || name == "x-tts-access-token" || name == "sign") {
        args.notes.push_back("query \"" + name + "\" is never signed; left out");
        continue;
      }
      add_query(args, std::move(name), v.substr(eq + 1));
    } else if (flag == "--body") {
      args.body = v;
    } else if (flag == "--body-file") {
      args.body_file = v;
    } else if (flag == "--timestamp") {
      args.timestamp = parse_timestamp(v);
      if (!args.timestamp) return usage_error("--timestamp: expected Unix seconds, found \"" + v + "\"");
    } else if (flag == "--app-key") {
      args.app_key = v;
    } else if (flag == "--content-type") {
      args.content_type = v;
    }
  }
  if (args.method.empty()) return usage_error("--method is required");
  if (args.path.empty()) return usage_error("--path is required");
  if (args.body && args.body_file) return usage_error("give --body or --body-file, not both");
  return 0;
}

}  // namespace

int cmd_sign(const invocation& in) {
  sign_args args;
  if (int rc = parse(in, args); rc != 0) return rc < 0 ? 0 : rc;

  std::string body;
  if (args.body) body = *args.body;
  if (args.body_file) {
    std::ifstream file(*args.body_file, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "kingkung sign: --body-file: cannot read \"%s\"\n", args.body_file->c_str());
      return 1;
    }
    body.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  if (!body.empty() && args.method == "GET")
    args.notes.push_back("GET requests normally carry no body; it was signed as given");

  // Key and secret: --app-key and KINGKUNG_TIKTOK_APP_SECRET win; the config fills what is missing.
  secret app_secret;
  std::string secret_source;
  if (const char* env = std::getenv("KINGKUNG_TIKTOK_APP_SECRET"); env != nullptr && *env != '\0') {
    app_secret = secret(env);
    secret_source = "env KINGKUNG_TIKTOK_APP_SECRET";
  }
  if (args.app_key.empty() || app_secret.empty()) {
    auto loaded = config::load(in.config_path);
    if (!loaded.ok()) {
      std::fprintf(stderr,
                   "kingkung sign: the app key or secret is missing and the config could not be read:\n%s\n",
                   loaded.message().c_str());
      std::fprintf(stderr, "(pass --app-key and set KINGKUNG_TIKTOK_APP_SECRET to sign without a config)\n");
      return 1;
    }
    if (args.app_key.empty()) args.app_key = loaded.config->tiktok.app_key;
    if (app_secret.empty()) {
      app_secret = loaded.config->tiktok.app_secret;
      secret_source = loaded.config->tiktok.app_secret_source;
    }
  }
  if (args.app_key.empty()) {
    std::fprintf(stderr, "kingkung sign: no app key: pass --app-key or set tiktok.app_key in %s\n",
                 in.config_path.string().c_str());
    return 1;
  }
  if (app_secret.empty()) {
    std::fprintf(
        stderr,
        "kingkung sign: no app secret: set KINGKUNG_TIKTOK_APP_SECRET or tiktok.app_secret_file in %s\n",
        in.config_path.string().c_str());
    return 1;
  }

  tiktok::preview_request request;
  request.method = args.method;
  request.path = args.path;
  request.query = args.query;
  request.body = body;
  request.content_type = args.content_type;
  request.app_key = args.app_key;
  request.timestamp = args.timestamp ? *args.timestamp : static_cast<std::int64_t>(std::time(nullptr));
  const auto preview = tiktok::signed_request(request, app_secret);

  std::ostringstream out;
  out << "method:          " << args.method << "\n";
  out << "path:            " << args.path << "\n";
  out << "timestamp:       " << preview.timestamp << " (" << utc_text(preview.timestamp) << ")"
      << (args.timestamp ? "" : "  [now; the platform accepts 5 minutes back to 30 seconds ahead]") << "\n";
  out << "app_key:         " << args.app_key << "\n";
  out << "app secret from: " << (secret_source.empty() ? "config" : secret_source) << "\n";
  out << "signed params:   ";
  bool first = true;
  for (const auto& p : preview.params) {
    if (p.name == "sign") continue;
    out << (first ? "" : " ") << p.name << "=" << p.value;
    first = false;
  }
  out << "\n";
  out << "body:            "
      << (tiktok::is_multipart(args.content_type) ? "(multipart: not signed)"
          : body.empty()                          ? "(none)"
                                                  : std::to_string(body.size()) + " bytes, signed as given")
      << "\n";
  out << "string to sign:  " << preview.wrapped << "\n";
  out << "sign:            " << preview.signature << "\n";
  out << "request target:  " << preview.target << "\n";
  for (const auto& note : args.notes) out << "note: " << note << "\n";
  const std::string text = out.str();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace kingkung::cli
