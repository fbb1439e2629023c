// The properties the fuzz targets check, one function per target. Each takes the raw input bytes, runs
// the product's code on them and throws property_violation when a property does not hold (a crash or a
// sanitizer report is a failure too). The fuzz targets (fuzz/targets) call them with libFuzzer's inputs;
// the unit tests replay every file of fuzz/corpus through them, so the corpora run in every build.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace kingkung::fuzz {

class property_violation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Request canonicalisation and signing. Input: line 1 the path, line 2 the content type, then one
// "name=value" line per query parameter (decoded), an empty line, then the body.
void check_signing(std::string_view input);

// Webhook notification parsing and signature verification. Input: line 1 the app key, then the body.
void check_webhook(std::string_view input);

// Decoding of platform responses: the input is a response body (the envelope) or one platform object.
void check_platform_decode(std::string_view input);

// The TOML config loader on the input as a config file.
void check_config(std::string_view input);

// The NF-e validator on the input as an XML document.
void check_nfe(std::string_view input);

// The web host: the input is raw request bytes, parsed with the server's limits and routed through
// every route of kingkung-web (SQLite in a temporary folder, the live transport as the only plugin).
void check_http(std::string_view input);

// Sends the product's log lines nowhere: a fuzzer runs millions of inputs, most of them refused with a
// warning. The fuzz targets call it once at start.
void quiet_logs();

// Names of the targets above, as in fuzz/corpus/<name>.
inline constexpr std::string_view target_names[] = {"signing", "webhook", "platform_decode",
                                                    "config", "nfe", "http"};

// Runs the check of the target `name`; throws std::invalid_argument for an unknown name.
void check(std::string_view name, std::string_view input);

}  // namespace kingkung::fuzz
