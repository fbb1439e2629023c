# kingkung_add_plugin(NAME <id> SOURCES src... [LIBRARIES libs...]) (or kingkung_add_plugin(<id> SOURCES ...)):
# a MODULE library with hidden visibility, built against the plugin API (whose headers embed the build
# tag), named lib<id>.so, so the host finds it by the id listed in plugins.load. In this tree it lands in
# the host's plugin folder; installed with the SDK (find_package(KingKungPlugin)) it lands in the
# project's build folder unless LIBRARY_OUTPUT_DIRECTORY is set.
function(kingkung_add_plugin)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBRARIES" ${ARGN})
  if(ARG_NAME)
    set(name "${ARG_NAME}")
  else()
    list(POP_FRONT ARG_UNPARSED_ARGUMENTS name)
  endif()
  if(NOT name OR NOT ARG_SOURCES)
    message(FATAL_ERROR "kingkung_add_plugin: expected NAME <id> SOURCES <files>..., found: ${ARGV}")
  endif()
  if(NOT name MATCHES "^[a-z0-9-]+$")
    message(FATAL_ERROR "kingkung_add_plugin: the id must be 1 to 64 characters of [a-z0-9-], found \"${name}\"")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kingkung::plugin_api ${ARG_LIBRARIES})
  if(TARGET kingkung_warnings)
    target_link_libraries(${name} PRIVATE kingkung_warnings)
  endif()
  set_target_properties(${name} PROPERTIES
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    PREFIX "lib"
    OUTPUT_NAME "${name}")
  if(DEFINED KINGKUNG_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${KINGKUNG_PLUGIN_OUTPUT_DIR}")
  endif()
  # Sanitized plugins leave the sanitizer runtime's symbols to the host that loads them.
  if(NOT KINGKUNG_SANITIZE)
    target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  endif()
  set_property(GLOBAL APPEND PROPERTY KINGKUNG_PLUGIN_TARGETS ${name})
endfunction()
