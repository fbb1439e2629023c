// Request canonicalisation and signing (docs/tiktok-shop-api.md, section 2): the canonical query does not
// depend on parameter order or on the unsigned parameters, encoding round-trips, and a signed request
// carries a signature anyone holding the secret recomputes from what is sent.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "kingkung/common/secret.hpp"
#include "kingkung/tiktok/query.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "support.hpp"

namespace kingkung::fuzz {
namespace {

using tiktok::query_param;
constexpr std::string_view target = "signing";
const secret app_secret{"fuzz-app-secret-4f1c2a"};

bool same_params(const std::vector<query_param>& a, const std::vector<query_param>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const query_param& x, const query_param& y) { return x.name == y.name && x.value == y.value; });
}

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

void check_signing(std::string_view input) {
  using detail::require;
  auto rest = input;
  const std::string path(detail::take_line(rest));
  const std::string content_type(detail::take_line(rest));
  std::vector<query_param> query;
  while (!rest.empty()) {
    const auto line = detail::take_line(rest);
    if (line.empty()) break;
    const auto eq = line.find('=');
    query.push_back({std::string(line.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : std::string(line.substr(eq + 1))});
  }
  const std::string body(rest);

  // Canonical form: deterministic, sorted, without sign and tokens, independent of the input order
  // when names are distinct.
  const auto canonical = tiktok::canonical_query(query);
  require(canonical == tiktok::canonical_query(query), target, "canonical_query is not deterministic");
  const auto sorted = tiktok::canonical_params(query);
  require(std::is_sorted(sorted.begin(), sorted.end(),
                         [](const query_param& a, const query_param& b) { return a.name < b.name; }),
          target, "canonical_params are not sorted by name");
  for (const auto& p : sorted)
    require(tiktok::is_signed_param(p.name), target, "canonical_params kept the unsigned \"" + p.name + "\"");
  std::vector<std::string> names;
  for (const auto& p : query) names.push_back(p.name);
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) == names.end()) {
    std::vector<query_param> reversed(query.rbegin(), query.rend());
    require(tiktok::canonical_query(reversed) == canonical, target, "the canonical query depends on parameter order");
  }
  auto with_unsigned = query;
  with_unsigned.push_back({"sign", "0123abcd"});
  with_unsigned.push_back({"access_token", "ROW_token"});
  require(tiktok::canonical_query(with_unsigned) == canonical, target,
          "sign or access_token changed the canonical query");

  // Encoding: every value survives percent-encoding, and a query survives encode then parse.
  for (const auto& p : query) {
    const auto encoded = tiktok::percent_encode(p.value);
    require(tiktok::percent_decode(encoded) == p.value, target,
            "percent_decode(percent_encode(x)) != x for x = \"" + detail::printable(p.value) + "\"");
    require(std::all_of(encoded.begin(), encoded.end(),
                        [](char c) {
                          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' ||
                                 c == '~' || c == '%';
                        }),
            target, "percent_encode left a reserved byte");
  }
  require(same_params(tiktok::parse_query(tiktok::encode_query(query)), query) || query.empty(), target,
          "parse_query(encode_query(q)) != q");

  // Signing: 64 lower-case hex digits, the documented HMAC, and what is sent verifies.
  const auto unwrapped = tiktok::string_to_sign(path, query, body, content_type);
  const auto signature = tiktok::sign(app_secret, unwrapped);
  require(signature.size() == 64 && is_lower_hex(signature), target, "the signature is not 64 lower-case hex digits");
  const auto& key = app_secret.reveal();
  require(signature == tiktok::hmac_sha256_hex(key, key + unwrapped + key), target,
          "sign() differs from HMAC-SHA256(secret, secret + unwrapped + secret)");
  require(tiktok::constant_time_equals(signature, tiktok::sign(app_secret, unwrapped)), target,
          "sign() is not deterministic");
  require(tiktok::is_multipart(content_type) || detail::contains(unwrapped, body), target,
          "a non-multipart body is not signed");

  tiktok::preview_request request;
  request.method = body.empty() ? "GET" : "POST";
  request.path = path;
  request.query = query;
  request.body = body;
  request.content_type = content_type;
  request.app_key = "fuzz-app-key";
  request.timestamp = 1767225600;
  const auto preview = tiktok::signed_request(request, app_secret);
  require(preview.signature == tiktok::sign(app_secret, preview.unwrapped), target,
          "signed_request's signature does not match its string to sign");
  require(!preview.params.empty() && preview.params.back().name == "sign" &&
              preview.params.back().value == preview.signature,
          target, "signed_request does not send its signature last");
  if (!detail::contains(input, key))
    require(!detail::contains(preview.wrapped, key) && !detail::contains(preview.target, key), target,
            "the app secret leaked into the preview");
  if (path.find_first_of("?#") == std::string::npos) {
    // What the platform receives, re-read from the target, signs to the same value.
    const auto sent = tiktok::parse_target(preview.target);
    require(same_params(sent.query, preview.params), target, "the target does not carry the signed parameters");
    const auto again = tiktok::string_to_sign(path, sent.query, body, content_type);
    require(again == preview.unwrapped, target, "the sent request does not re-sign to the same string");
  }
}

}  // namespace kingkung::fuzz
