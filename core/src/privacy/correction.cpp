#include "kingkung/privacy/correction.hpp"

#include <algorithm>
#include <cctype>

#include "kingkung/storage/account_correction_repository.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/user_repository.hpp"

namespace kingkung::privacy {
namespace {

plugin::error bad(std::string_view field, std::string_view expected, const std::string& found) {
  return plugin::make_error(plugin::errc::invalid_argument, "correct user: " + std::string(field) + ": expected " +
                                                                std::string(expected) + ", found " + found);
}

std::string quoted(std::string_view v) {
  std::string out = "\"";
  for (unsigned char c : v) out += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
  return out + "\"";
}

std::string trimmed(std::string_view s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

bool valid_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254) return false;
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string_view::npos)
    return false;
  if (e.substr(at + 1).find('.') == std::string_view::npos) return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

bool valid_locale(std::string_view l) {
  auto letters = [](std::string_view s, bool upper) {
    return s.size() == 2 && std::all_of(s.begin(), s.end(), [&](char c) {
             return upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z');
           });
  };
  if (l.size() == 2) return letters(l, false);
  return l.size() == 5 && l[2] == '-' && letters(l.substr(0, 2), false) && letters(l.substr(3), true);
}

}  // namespace

result<domain::user> correct_user(storage::database& db, std::int64_t user_id, const user_corrections& fields,
                                  const actor& who) {
  storage::account_changes changes;
  std::vector<std::string> changed;
  if (fields.email) {
    std::string e = trimmed(*fields.email);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!valid_email(e)) return bad("email", "an address like name@example.com", quoted(*fields.email));
    changes.email = e;
    changed.push_back("email");
  }
  if (fields.locale) {
    if (!valid_locale(*fields.locale))
      return bad("locale", "a language code such as \"en\" or \"pt-BR\"", quoted(*fields.locale));
    changes.locale = *fields.locale;
    changed.push_back("locale");
  }
  if (fields.seller_name) {
    std::string n = trimmed(*fields.seller_name);
    bool control = std::any_of(n.begin(), n.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
    if (n.empty() || n.size() > 255 || control)
      return bad("seller_name", "1 to 255 characters without control characters", quoted(*fields.seller_name));
    changes.seller_name = n;
    changed.push_back("seller_name");
  }
  if (changed.empty())
    return plugin::make_error(plugin::errc::invalid_argument, "correct user: no field to change was given");

  auto seller_id = storage::account_correction_repository(db).apply(user_id, changes);
  if (!seller_id) return std::move(seller_id).err();
  auto user = storage::user_repository(db).get(user_id);
  if (!user) return std::move(user).err();
  if (!user->has_value())
    return plugin::make_error(plugin::errc::not_found, "correct user: user " + std::to_string(user_id) + " vanished");

  std::string list;
  for (const auto& c : changed) list += (list.empty() ? "" : ", ") + c;
  auto audited = storage::audit_repository(db).append({0, *seller_id, who.user_id, "user.correct", (**user).email,
                                                       "changed " + list + "; " + describe(who), 0});
  if (!audited) return std::move(audited).err();
  return **user;
}

}  // namespace kingkung::privacy
