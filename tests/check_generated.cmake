# Regenerates one set of committed generated tables into OUT_DIR and fails if any file
# differs from the committed copy. Each generator is a '|'-separated command line. Run by ctest as `unicode_tables_up_to_date` (SET=unicode:
# src/unicode/generated) and `core_tables_up_to_date` (SET=core: src/core/generated).
if(SET STREQUAL "unicode")
  set(committed_dir ${SOURCE_DIR}/src/unicode/generated)
  set(generators
    "tools/gen_unicode_tables.py|--ucd|${SOURCE_DIR}/data/ucd|--out|${OUT_DIR}")
elseif(SET STREQUAL "core")
  set(committed_dir ${SOURCE_DIR}/src/core/generated)
  set(generators
    "tools/gen_tlds.py|--tlds|${SOURCE_DIR}/tests/data/twitter-text/tld_lib.yml|--ucd|${SOURCE_DIR}/data/ucd|--out|${OUT_DIR}"
    "tools/gen_extract_tables.py|--ucd|${SOURCE_DIR}/data/ucd|--out|${OUT_DIR}")
else()
  message(FATAL_ERROR "SET must be unicode or core, not '${SET}'")
endif()

file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})
foreach(generator IN LISTS generators)
  string(REPLACE "|" ";" args "${generator}")
  list(POP_FRONT args script)
  execute_process(COMMAND ${PYTHON} ${SOURCE_DIR}/${script} ${args} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${script} failed (exit ${status})")
  endif()
endforeach()

file(GLOB committed RELATIVE ${committed_dir} ${committed_dir}/*)
file(GLOB fresh RELATIVE ${OUT_DIR} ${OUT_DIR}/*)
list(SORT committed)
list(SORT fresh)
if(NOT committed STREQUAL fresh)
  message(FATAL_ERROR "generated file sets differ: committed [${committed}] vs fresh [${fresh}]")
endif()
set(stale 0)
foreach(name IN LISTS fresh)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
    ${committed_dir}/${name} ${OUT_DIR}/${name} RESULT_VARIABLE differs)
  if(differs)
    message(SEND_ERROR "${committed_dir}/${name} is stale: regenerate it")
    set(stale 1)
  else()
    message(STATUS "${name}: up to date")
  endif()
endforeach()
if(stale)
  message(FATAL_ERROR "stale generated tables")
endif()
