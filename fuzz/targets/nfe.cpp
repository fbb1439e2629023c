// libFuzzer entry point of the `nfe` target: the properties live in fuzz/checks (check_nfe).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "checks.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  kingkung::fuzz::quiet_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kingkung::fuzz::check_nfe(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
