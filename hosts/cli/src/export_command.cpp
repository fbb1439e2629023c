// kingkung export --seller ID|NAME --format json|csv --out FILE [--force]
// Everything held for a seller (JSON), or the seller's orders (CSV), for the seller's right of access.
// The file holds buyer data: it is created with mode 0600, written beside its final name and renamed
// into place only when complete.
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_support.hpp"
#include "kingkung/privacy/export.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/seller_repository.hpp"

namespace kingkung::cli {
namespace {

constexpr const char* usage_text =
    "usage: kingkung [--config FILE] export --seller ID|NAME --format json|csv --out FILE [--force]\n"
    "  json    everything held for the seller (account, shops, orders, products, packages, invoices,\n"
    "          audit log); never passwords, tokens or shop ciphers\n"
    "  csv     the seller's orders, one row per order line\n"
    "  --force replace FILE when it exists\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kingkung export: %s\n%s", message.c_str(), usage_text);
  return 2;
}

struct export_options {
  std::string seller;
  std::string format;
  std::string out;
  bool force = false;
};

std::string parse(const std::vector<std::string>& args, export_options& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto take = [&](std::string& into) -> std::string {
      if (i + 1 >= args.size()) return a + " needs a value";
      into = args[++i];
      return {};
    };
    std::string problem;
    if (a == "--seller") {
      problem = take(o.seller);
    } else if (a == "--format") {
      problem = take(o.format);
    } else if (a == "--out") {
      problem = take(o.out);
    } else if (a == "--force") {
      o.force = true;
    } else {
      return "unexpected argument \"" + a + "\"";
    }
    if (!problem.empty()) return problem;
  }
  if (o.seller.empty()) return "--seller ID|NAME is missing";
  if (o.format != "json" && o.format != "csv")
    return "--format must be json or csv, got \"" + o.format + "\"";
  if (o.out.empty()) return "--out FILE is missing";
  return {};
}

}  // namespace

int cmd_export(const invocation& in) {
  if (!in.args.empty() && (in.args[0] == "-h" || in.args[0] == "--help")) {
    std::fputs(usage_text, stdout);
    return 0;
  }
  export_options opts;
  if (auto problem = parse(in.args, opts); !problem.empty()) return usage_error(problem);
  std::filesystem::path out(opts.out);
  std::error_code ec;
  if (!opts.force && std::filesystem::exists(out, ec))
    return fail("export", opts.out + " exists; pass --force to replace it");

  auto loaded = load_config(in);
  if (!loaded) return 1;
  auto db = open_database(*loaded, "export");
  if (!db) return 1;
  auto version = storage::schema_version(*db);
  if (!version) return fail("export", version.err().message);
  if (*version != storage::latest_schema_version())
    return fail("export", "the database is at schema version " + std::to_string(*version) +
                              " and this build needs " + std::to_string(storage::latest_schema_version()) +
                              ": run `kingkung migrate` first");

  std::int64_t seller_id = 0;
  if (!opts.seller.empty() && opts.seller.find_first_not_of("0123456789") == std::string::npos) {
    seller_id = std::stoll(opts.seller);
  } else {
    auto found = storage::seller_repository(*db).find_by_name(opts.seller);
    if (!found) return fail("export", found.err().message);
    if (!found->has_value()) return fail("export", "no seller named \"" + opts.seller + "\"");
    seller_id = (**found).id;
  }

  auto partial = out;
  partial += ".partial";
  privacy::result<privacy::export_report> report = plugin::make_error(plugin::errc::internal, "not run");
  {
    const mode_t old_mask = ::umask(077);
    std::ofstream file(partial, std::ios::binary | std::ios::trunc);
    ::umask(old_mask);
    if (!file) return fail("export", "cannot write " + partial.string());
    report = opts.format == "json" ? privacy::export_seller(*db, seller_id, file, privacy::actor::cli())
                                   : privacy::export_orders_csv(*db, seller_id, file, privacy::actor::cli());
  }
  if (!report) {
    std::filesystem::remove(partial, ec);
    return fail("export", report.err().message);
  }
  std::filesystem::rename(partial, out, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    return fail("export", "cannot move the export to " + opts.out + ": " + ec.message());
  }
  std::printf("exported seller %lld to %s: %zu shop(s), %zu order(s), %zu order line(s)", static_cast<long long>(seller_id),
              opts.out.c_str(), report->shops, report->orders, report->order_lines);
  if (opts.format == "json")
    std::printf(", %zu product(s), %zu package(s), %zu invoice(s), %zu audit log line(s)", report->products,
                report->packages, report->invoices, report->audit_entries);
  std::printf("\n");
  return 0;
}

}  // namespace kingkung::cli
