#include "query_params.hpp"

#include <charconv>

#include "random.hpp"

namespace kingkung::sim::detail {

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::string page_token_key(const sim_core& core) {
  return "page-token|" + core.cfg.app_key + "|" + std::to_string(core.state.seed);
}

std::optional<paging_request> read_paging(const call& c, std::string_view query_identity) {
  paging_request p;
  if (auto size = c.req.param("page_size"))
    if (auto n = parse_int(*size)) p.page_size = static_cast<std::size_t>(*n);
  std::string identity(c.req.path());
  identity += '|';
  identity += query_identity;
  if (c.shop) identity += "|" + c.shop->cfg.key;
  p.fingerprint = hash_text(identity);
  if (auto token = c.req.param("page_token"); token && !token->empty()) {
    auto cursor = decode_page_token(*token, page_token_key(c.core));
    if (!cursor || cursor->query_fingerprint != p.fingerprint) return std::nullopt;
    p.after = std::move(cursor);
  }
  return p;
}

}  // namespace kingkung::sim::detail
