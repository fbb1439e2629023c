// A plain shared library: it exports a function, but no kingkung_plugin_entry.
extern "C" __attribute__((visibility("default"))) int fixture_answer() {
  return 42;
}
