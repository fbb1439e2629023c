// The shape of [database] url: "sqlite3:PATH" or "mysql://user[:password]@host[:port]/db".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kingkung::config::detail {

struct checked_database_url {
  std::string url;  // normalised: a sqlite PATH made absolute against the config folder
  bool is_mysql = false;
  bool has_password = false;
};

// nullopt with `problem` set ("a database name after the host, as in mysql://user@host:3306/kingkung")
// when the url does not have one of the two shapes.
std::optional<checked_database_url> check_database_url(std::string_view url,
                                                       const std::filesystem::path& base,
                                                       std::string& problem);

// A mysql url with its password replaced by `password` (percent-encoded).
std::string with_password(std::string_view url, std::string_view password);

// The password part of a url as written (still percent-encoded); empty when none.
std::string password_of(std::string_view url);

// The url with any password replaced by "[redacted]"; anything else unchanged.
std::string redact_url(std::string_view url);

}  // namespace kingkung::config::detail
