# cmake -P InstallConsumer.cmake: installs policyc from BUILD_DIR into a fresh prefix under
# WORK_DIR, builds the consumer project against it, then edits the policy and the file it
# imports and checks that the header is regenerated, and that a broken policy fails the build.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "InstallConsumer.cmake needs -D${var}=...")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_output expected)
  run("${WORK_DIR}/build/consumer")
  string(STRIP "${run_output}" actual)
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "consumer printed\n  ${actual}\nexpected\n  ${expected}")
  endif()
  message(STATUS "consumer: ${actual}")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${SOURCE_DIR}/" DESTINATION "${WORK_DIR}/src")
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
foreach(installed bin/policyc include/policyc/runtime.hpp lib/cmake/policyc/policycConfig.cmake
        lib/cmake/policyc/policycConfigVersion.cmake lib/cmake/policyc/PolicycGenerate.cmake)
  if(NOT EXISTS "${WORK_DIR}/prefix/${installed}")
    message(FATAL_ERROR "not installed: ${installed}")
  endif()
endforeach()

run("${CMAKE_COMMAND}" -S "${WORK_DIR}/src" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    -DCMAKE_BUILD_TYPE=Release)
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
expect_output(
  "denied consent missing|allowed permitted|marketing e-mails|2024-01-01|shop.policy:7")

# File times have a one-second resolution on some file systems.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(READ "${WORK_DIR}/src/vocab.policy" vocab)
string(REPLACE "marketing e-mails" "newsletters" vocab "${vocab}")
file(WRITE "${WORK_DIR}/src/vocab.policy" "${vocab}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
expect_output("denied consent missing|allowed permitted|newsletters|2024-01-01|shop.policy:7")

execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(READ "${WORK_DIR}/src/shop.policy" shop)
string(REPLACE "2024-01-01" "2025-02-03" shop "${shop}")
file(WRITE "${WORK_DIR}/src/shop.policy" "${shop}")
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
expect_output("denied consent missing|allowed permitted|newsletters|2025-02-03|shop.policy:7")

# A policy with errors: policyc writes nothing and the build fails.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(APPEND "${WORK_DIR}/src/shop.policy" "use contact for marketing.newsleter;\n")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(result EQUAL 0)
  message(FATAL_ERROR "the build succeeded although the policy has an error")
endif()
if(NOT "${out}${err}" MATCHES "has no member 'newsleter'; did you mean 'newsletter'")
  message(FATAL_ERROR "the failed build does not show policyc's diagnostic:\n${out}\n${err}")
endif()
message(STATUS "a broken policy fails the build with policyc's diagnostic")
