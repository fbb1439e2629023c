# kingkung_add_plugin(NAME SOURCES src...): a MODULE library with hidden visibility, built against the
# plugin API, named lib<NAME>.so and written to the host's plugin folder.
function(kingkung_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
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
  target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  set_property(GLOBAL APPEND PROPERTY KINGKUNG_PLUGIN_TARGETS ${name})
endfunction()
