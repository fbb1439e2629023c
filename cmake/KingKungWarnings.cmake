# Warnings are on for every target of this project and must stay clean.
add_library(kingkung_warnings INTERFACE)
target_compile_options(kingkung_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 at -O2 reports -Wrestrict inside libstdc++'s own std::string code (GCC bug 105329), for
# ordinary string concatenation; the warning says nothing about this project's code there.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(kingkung_warnings INTERFACE -Wno-restrict)
endif()
if(KINGKUNG_WERROR)
  target_compile_options(kingkung_warnings INTERFACE -Werror)
endif()
