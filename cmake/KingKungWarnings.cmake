# Warnings are on for every target of this project and must stay clean.
add_library(kingkung_warnings INTERFACE)
target_compile_options(kingkung_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(KINGKUNG_WERROR)
  target_compile_options(kingkung_warnings INTERFACE -Werror)
endif()
