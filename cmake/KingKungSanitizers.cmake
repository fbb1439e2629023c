# Sanitizers and fuzzing instrumentation for every target of this project (the `sanitize` preset).
#   KINGKUNG_SANITIZE   comma-separated -fsanitize= list, e.g. "address,undefined"; empty for none.
#   KINGKUNG_BUILD_FUZZ builds the libFuzzer targets in fuzz/ (clang only); every object then also
#                       carries libFuzzer's coverage instrumentation so the targets see into core.
set(KINGKUNG_SANITIZE "" CACHE STRING "Sanitizers for every target (-fsanitize= list), empty for none")
option(KINGKUNG_BUILD_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)

if(KINGKUNG_SANITIZE)
  add_compile_options(-fsanitize=${KINGKUNG_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${KINGKUNG_SANITIZE})
  if(KINGKUNG_SANITIZE MATCHES "undefined")
    # A finding stops the program: a test that only prints a UBSan report would still pass.
    # vptr is left out: it needs the type_info of every polymorphic class it meets, and Debian's SOCI does
    # not export its internal ones (the link fails), nor do plugins built with hidden visibility.
    add_compile_options(-fno-sanitize-recover=undefined -fno-sanitize=vptr)
  endif()
endif()

if(KINGKUNG_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "KINGKUNG_BUILD_FUZZ needs clang (libFuzzer); this build uses ${CMAKE_CXX_COMPILER_ID}. "
                        "Use the `sanitize` preset or -DCMAKE_CXX_COMPILER=clang++-14.")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
