# Regenerates the Unicode tables into OUT_DIR and fails if any differs from the committed
# copy in src/unicode/generated. Run by ctest as `unicode_tables_up_to_date`.
file(REMOVE_RECURSE ${OUT_DIR})
execute_process(
  COMMAND ${PYTHON} ${SOURCE_DIR}/tools/gen_unicode_tables.py
          --ucd ${SOURCE_DIR}/data/ucd --out ${OUT_DIR}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the generator failed (exit ${status})")
endif()
file(GLOB committed RELATIVE ${SOURCE_DIR}/src/unicode/generated ${SOURCE_DIR}/src/unicode/generated/*)
file(GLOB fresh RELATIVE ${OUT_DIR} ${OUT_DIR}/*)
list(SORT committed)
list(SORT fresh)
if(NOT committed STREQUAL fresh)
  message(FATAL_ERROR "generated file sets differ: committed [${committed}] vs fresh [${fresh}]")
endif()
set(stale 0)
foreach(name IN LISTS fresh)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
    ${SOURCE_DIR}/src/unicode/generated/${name} ${OUT_DIR}/${name} RESULT_VARIABLE differs)
  if(differs)
    message(SEND_ERROR "src/unicode/generated/${name} is stale: regenerate it")
    set(stale 1)
  else()
    message(STATUS "${name}: up to date")
  endif()
endforeach()
if(stale)
  message(FATAL_ERROR "stale generated tables")
endif()
