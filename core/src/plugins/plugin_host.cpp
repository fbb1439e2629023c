#include "kingkung/plugins/plugin_host.hpp"

#include <mutex>
#include <system_error>

#include "kingkung/log/log.hpp"
#include "plugins/descriptor_check.hpp"
#include "plugins/host_context.hpp"
#include "plugins/library_loader.hpp"
#include "plugins/registry.hpp"

namespace kingkung::plugins {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view log_component = "plugins";
constexpr std::string_view in_process_origin = "(in process)";

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// Calls the plugin's register function; returns why the plugin is refused, or empty.
std::string run_register(const kingkung_plugin_descriptor& d, detail::staging_registrar& staging) {
  std::string refusal;
  try {
    auto registered = d.register_plugin(staging);
    if (!registered) refusal = "register failed: " + registered.err().message;
  } catch (const std::exception& e) {
    refusal = std::string("register threw: ") + e.what();
  } catch (...) {
    refusal = "register threw: an exception that is not a std::exception";
  }
  if (refusal.empty() && !staging.first_error().empty())
    refusal = "register failed: " + staging.first_error();
  return refusal;
}

// The kinds a descriptor declares must be what its register function registered.
std::string kinds_mismatch(std::uint32_t kinds, const detail::staging_registrar& staging) {
  auto check = [kinds](plugin::kind kind, std::string_view kind_name, const std::vector<std::string>& names) {
    const bool declared = (kinds & kind) != 0;
    if (declared && names.empty())
      return "kinds: the descriptor declares " + std::string(kind_name) + ", but register added none";
    if (!declared && !names.empty())
      return "kinds: register added " + std::string(kind_name) + " " + detail::quote(names.front()) +
             ", but the descriptor does not declare " + std::string(kind_name);
    return std::string();
  };
  if (auto problem = check(plugin::kind_transport, "transport", staging.transport_names()); !problem.empty())
    return problem;
  return check(plugin::kind_market_module, "market-module", staging.market_module_names());
}

// Applies the descriptor rules, then registration into `staging`. Fills report.descriptor and
// report.plugin_id (when not configured); returns why the plugin is refused, or empty.
std::string vet(load_report& report, const kingkung_plugin_descriptor* d,
                const detail::check_options& options, detail::staging_registrar& staging) {
  auto checked = detail::check_descriptor(d, options);
  report.descriptor = checked.info;
  if (report.plugin_id.empty() && checked.info) report.plugin_id = checked.info->id;
  if (!checked.passed()) return checked.refusal;
  if (auto refusal = run_register(*d, staging); !refusal.empty()) return refusal;
  return kinds_mismatch(d->kinds, staging);
}

void refuse(load_report& report, load_status status, std::string reason) {
  report.status = status;
  report.reason = std::move(reason);
  report.transports.clear();
  report.market_modules.clear();
}

template <class T>
std::shared_ptr<T> tie_to_plugin(std::unique_ptr<T> object,
                                 std::shared_ptr<const detail::plugin_record> owner,
                                 std::shared_ptr<const detail::plugin_context> context) {
  return std::shared_ptr<T>(object.release(),
                            [owner = std::move(owner), context = std::move(context)](T* p) mutable noexcept {
                              delete p;  // the plugin's destructor runs while its library is loaded
                              context.reset();
                              owner.reset();  // last: this may unload the library
                            });
}

}  // namespace

std::string_view to_string(load_status s) {
  switch (s) {
    case load_status::loaded:
      return "loaded";
    case load_status::refused:
      return "refused";
    case load_status::missing:
      return "missing";
  }
  return "unknown";
}

struct plugin_host::impl {
  host_services services;
  std::mutex load_mutex;  // one plugin is checked and registered at a time
  detail::registry registry;
  std::vector<load_report> reports;

  load_report load(load_report report, std::string_view expected_id);
  load_report admit(load_report report, const kingkung_plugin_descriptor* d,
                    std::shared_ptr<boost::dll::shared_library> library, std::string_view expected_id);
  std::shared_ptr<const detail::plugin_context> context_for(
      std::string_view plugin_id, std::shared_ptr<const plugin::config_view> config) const;
  // Logs the outcome and keeps the report; `where` says where the plugin came from.
  const load_report& remember(load_report report, std::string_view where);
};

load_report plugin_host::impl::load(load_report report, std::string_view expected_id) {
  auto opened = detail::open_plugin_library(report.file);
  if (!opened) {
    const auto& e = opened.err();
    refuse(report, e.code == plugin::errc::not_found ? load_status::missing : load_status::refused,
           e.message);
    return report;
  }
  return admit(std::move(report), opened->descriptor, std::move(opened->library), expected_id);
}

load_report plugin_host::impl::admit(load_report report, const kingkung_plugin_descriptor* d,
                                     std::shared_ptr<boost::dll::shared_library> library,
                                     std::string_view expected_id) {
  detail::check_options options;
  options.expected_id = expected_id;
  options.loaded_from = [this](std::string_view id) { return registry.origin_of(id); };
  detail::staging_registrar staging(registry);
  std::string refusal = vet(report, d, options, staging);

  if (refusal.empty()) {
    const std::string& id = report.descriptor->id;
    auto config_it = services.plugin_config.find(id);
    auto record = std::make_shared<detail::plugin_record>();
    record->id = id;
    record->origin = library ? report.file.string() : std::string(in_process_origin);
    record->library = library;
    record->context =
        context_for(id, config_it != services.plugin_config.end() ? config_it->second : nullptr);
    if (auto committed = registry.commit(staging, std::move(record)); !committed) {
      refusal = committed.err().message;
    } else {
      report.status = load_status::loaded;
      report.reason.clear();
      report.transports = staging.transport_names();
      report.market_modules = staging.market_module_names();
      if (!services.data_dir.empty()) {
        std::error_code ec;
        fs::create_directories(services.data_dir / id, ec);
        if (ec)
          log::warn(log_component, "cannot create the data folder " + (services.data_dir / id).string() +
                                       " of plugin " + detail::quote(id) + ": " + ec.message());
      }
    }
  }
  if (!refusal.empty()) refuse(report, load_status::refused, std::move(refusal));
  return report;  // a refused plugin's library unloads here, after its staged factories are gone
}

std::shared_ptr<const detail::plugin_context> plugin_host::impl::context_for(
    std::string_view plugin_id, std::shared_ptr<const plugin::config_view> config) const {
  std::string dir = services.data_dir.empty() ? std::string() : (services.data_dir / plugin_id).string();
  return std::make_shared<const detail::plugin_context>(plugin_id, services.clock, std::move(config),
                                                        std::move(dir));
}

const load_report& plugin_host::impl::remember(load_report report, std::string_view where) {
  const std::string who = report.plugin_id.empty()
                              ? std::string(where)
                              : detail::quote(report.plugin_id) + " from " + std::string(where);
  switch (report.status) {
    case load_status::loaded: {
      std::string components;
      if (!report.transports.empty()) components += "; transports: " + join(report.transports);
      if (!report.market_modules.empty()) components += "; market modules: " + join(report.market_modules);
      log::info(log_component,
                "loaded plugin " + who + " (version " + report.descriptor->version + ")" + components);
      break;
    }
    case load_status::refused:
      log::warn(log_component, "refused plugin " + who + ": " + report.reason);
      break;
    case load_status::missing:
      log::warn(log_component, "missing plugin " + who + ": " + report.reason);
      break;
  }
  reports.push_back(std::move(report));
  return reports.back();
}

plugin_host::plugin_host(host_services services) : impl_(std::make_unique<impl>()) {
  impl_->services = std::move(services);
}

plugin_host::~plugin_host() = default;

fs::path plugin_host::default_plugin_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return fs::path("plugins");
  const fs::path bin = exe.parent_path();
  const fs::path beside = (bin / ".." / "plugins").lexically_normal();
  if (fs::is_directory(beside, ec)) return beside;
  return (bin / ".." / "lib" / "kingkung" / "plugins").lexically_normal();
}

std::vector<load_report> plugin_host::load_configured(const fs::path& dir,
                                                      const std::vector<std::string>& ids) {
  std::vector<load_report> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    load_report report;
    report.plugin_id = id;
    try {
      std::lock_guard lock(impl_->load_mutex);
      if (!detail::is_valid_plugin_id(id)) {
        refuse(report, load_status::refused,
               "plugin id: expected 1 to " + std::to_string(detail::max_name_length) +
                   " characters of [a-z0-9-] in the config, found " + detail::quote(id));
        out.push_back(impl_->remember(std::move(report), "the config"));
        continue;
      }
      report.file = dir / ("lib" + id + ".so");
      const std::string where = report.file.string();
      out.push_back(impl_->remember(impl_->load(std::move(report), id), where));
    } catch (const std::exception& e) {
      load_report failed;
      failed.plugin_id = id;
      refuse(failed, load_status::refused, std::string("internal error while loading: ") + e.what());
      out.push_back(std::move(failed));
    }
  }
  return out;
}

load_report plugin_host::load_file(const fs::path& file) {
  load_report report;
  report.file = file;
  try {
    std::lock_guard lock(impl_->load_mutex);
    return impl_->remember(impl_->load(std::move(report), {}), file.string());
  } catch (const std::exception& e) {
    load_report failed;
    failed.file = file;
    refuse(failed, load_status::refused, std::string("internal error while loading: ") + e.what());
    return failed;
  }
}

load_report plugin_host::inspect(const fs::path& file) {
  load_report report;
  report.file = file;
  try {
    auto opened = detail::open_plugin_library(file);
    if (!opened) {
      const auto& e = opened.err();
      refuse(report, e.code == plugin::errc::not_found ? load_status::missing : load_status::refused,
             e.message);
      return report;
    }
    detail::registry scratch;
    detail::staging_registrar staging(scratch);
    std::string refusal = vet(report, opened->descriptor, detail::check_options{}, staging);
    if (!refusal.empty()) {
      refuse(report, load_status::refused, std::move(refusal));
    } else {
      report.status = load_status::loaded;
      report.transports = staging.transport_names();
      report.market_modules = staging.market_module_names();
    }
  } catch (const std::exception& e) {
    refuse(report, load_status::refused, std::string("internal error while inspecting: ") + e.what());
  }
  return report;
}

load_report plugin_host::load_in_process(const kingkung_plugin_descriptor& descriptor) {
  load_report report;
  try {
    std::lock_guard lock(impl_->load_mutex);
    return impl_->remember(impl_->admit(std::move(report), &descriptor, nullptr, {}), in_process_origin);
  } catch (const std::exception& e) {
    load_report failed;
    refuse(failed, load_status::refused, std::string("internal error while loading: ") + e.what());
    return failed;
  }
}

const std::vector<load_report>& plugin_host::reports() const {
  return impl_->reports;
}

std::vector<std::string> plugin_host::transports() const {
  return impl_->registry.transport_names();
}

std::vector<std::string> plugin_host::market_modules() const {
  return impl_->registry.market_module_names();
}

namespace {

std::string not_registered(std::string_view kind, std::string_view name,
                           const std::vector<std::string>& names) {
  return "no " + std::string(kind) + " " + detail::quote(name) +
         " is registered (registered: " + (names.empty() ? std::string("none") : join(names)) + ")";
}

// Calls a plugin factory; a thrown exception or a null object becomes an error naming the component.
template <class T, class Call>
result<std::unique_ptr<T>> call_factory(std::string_view kind, std::string_view name,
                                        std::string_view plugin_id, Call&& call) {
  const std::string who =
      std::string(kind) + " " + detail::quote(name) + " of plugin " + detail::quote(plugin_id);
  std::string failure;
  try {
    result<std::unique_ptr<T>> made = call();
    if (!made) return plugin::make_error(made.err().code, who + ": " + made.err().message);
    if (!made.value())
      return plugin::make_error(plugin::errc::internal, who + ": the factory returned no object");
    return made;
  } catch (const std::exception& e) {
    failure = who + ": the factory threw: " + e.what();
  } catch (...) {
    failure = who + ": the factory threw an exception that is not a std::exception";
  }
  return plugin::make_error(plugin::errc::internal, std::move(failure));
}

}  // namespace

result<std::shared_ptr<plugin::transport>> plugin_host::make_transport(std::string_view name) {
  auto component = impl_->registry.transport(name);
  if (!component)
    return plugin::make_error(plugin::errc::not_found, not_registered("transport", name, transports()));
  const auto& owner = component->owner;
  auto made = call_factory<plugin::transport>("transport", name, owner->id,
                                              [&] { return component->factory(*owner->context); });
  if (!made) return std::move(made).err();
  return tie_to_plugin(std::move(made).value(), owner, nullptr);
}

result<std::shared_ptr<plugin::market_module>> plugin_host::make_market_module(
    std::string_view name, std::string_view shop_id, std::shared_ptr<const plugin::config_view> config) {
  auto component = impl_->registry.market_module(name);
  if (!component)
    return plugin::make_error(plugin::errc::not_found,
                              not_registered("market module", name, market_modules()));
  const auto& owner = component->owner;
  if (!config)
    config = std::make_shared<const detail::empty_config_view>("market module " + detail::quote(name) +
                                                               " (no config table)");
  auto context = impl_->context_for(owner->id, std::move(config));
  auto made = call_factory<plugin::market_module>("market module", name, owner->id,
                                                  [&] { return component->factory(*context, shop_id); });
  if (!made) return std::move(made).err();
  return tie_to_plugin(std::move(made).value(), owner, std::move(context));
}

}  // namespace kingkung::plugins
