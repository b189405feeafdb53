# cmake -P GenerateOptions.cmake: the options of policyc_generate (cmake/PolicycGenerate.cmake)
# reach the checker. A small project uses the function from the source tree with the built
# policyc, generating the same policy under different options, one target each:
#   plain        no option: the policy's warning and missing GDPR elements do not stop it
#   werror       WERROR: the warning fails the build
#   werror_flags WERROR with CHECK_FLAGS -Wno-unused-declaration: builds again
#   gdpr         PROFILE gdpr: the GDPR findings fail the build
#   namespace    NAMESPACE: the header uses it
#   configured   a policy beside a policyc.toml that asks for -Werror fails; CHECK_FLAGS
#                -Wno-error (the command line) overrides it; a change to policyc.toml then
#                regenerates the header (it is in the depfile) and fails the build again.
foreach(var POLICYC SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "GenerateOptions.cmake needs -D${var}=...")
  endif()
endforeach()

set(policy [=[
policy "Options" { controller "Options Ltd"; effective 2024-01-01; }
category contact { email; }
category unused_category;
purpose support basis contract;
source website;
collect contact from website for support;
]=])

file(REMOVE_RECURSE "${WORK_DIR}")
file(WRITE "${WORK_DIR}/src/plain/opts.policy" "${policy}")
file(WRITE "${WORK_DIR}/src/configured/opts.policy" "${policy}")
file(WRITE "${WORK_DIR}/src/configured/policyc.toml" "warnings = [\"-Werror\"]\n")
file(WRITE "${WORK_DIR}/src/use.cpp" "#include \"opts.hpp\"\nint use_opts() { return 0; }\n")
file(WRITE "${WORK_DIR}/src/CMakeLists.txt" "
cmake_minimum_required(VERSION 3.20)
project(policyc_generate_options LANGUAGES CXX)
add_executable(policyc::policyc IMPORTED)
set_target_properties(policyc::policyc PROPERTIES IMPORTED_LOCATION \"${POLICYC}\")
add_library(policyc::runtime INTERFACE IMPORTED)
set_target_properties(policyc::runtime PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES \"${SOURCE_DIR}/runtime/include\")
include(\"${SOURCE_DIR}/cmake/PolicycGenerate.cmake\")
foreach(name plain werror werror_flags gdpr namespace configured configured_override)
  add_library(\${name} STATIC use.cpp)
  target_compile_features(\${name} PRIVATE cxx_std_17)
endforeach()
policyc_generate(TARGET plain POLICIES plain/opts.policy)
policyc_generate(TARGET werror POLICIES plain/opts.policy WERROR)
policyc_generate(TARGET werror_flags POLICIES plain/opts.policy WERROR
                 CHECK_FLAGS -Wno-unused-declaration)
policyc_generate(TARGET gdpr POLICIES plain/opts.policy PROFILE gdpr)
policyc_generate(TARGET namespace POLICIES plain/opts.policy NAMESPACE acme::privacy)
policyc_generate(TARGET configured POLICIES configured/opts.policy)
policyc_generate(TARGET configured_override POLICIES configured/opts.policy
                 CHECK_FLAGS -Wno-error)
")

function(configure)
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK_DIR}/src" -B "${WORK_DIR}/build"
                          -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "configuring failed:\n${out}\n${err}")
  endif()
endfunction()

# build(<target> PASS|FAIL [regex]): builds one target and checks the outcome (and, for a
# failure, that policyc's diagnostic matching `regex` is what failed it).
function(build target expected)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target "${target}"
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expected STREQUAL "PASS" AND NOT result EQUAL 0)
    message(FATAL_ERROR "${target}: the build failed:\n${out}\n${err}")
  endif()
  if(expected STREQUAL "FAIL")
    if(result EQUAL 0)
      message(FATAL_ERROR "${target}: the build succeeded but should have failed")
    endif()
    if(NOT "${out}${err}" MATCHES "${ARGV2}")
      message(FATAL_ERROR "${target}: the build failed without '${ARGV2}':\n${out}\n${err}")
    endif()
  endif()
  message(STATUS "${target}: ${expected} as expected")
endfunction()

configure()
build(plain PASS)
build(werror FAIL "error: category 'unused_category' is declared but no statement uses it")
build(werror_flags PASS)
build(gdpr FAIL "error: GDPR grants the right 'access'")
build(namespace PASS)
file(GLOB_RECURSE namespace_header "${WORK_DIR}/build/policyc_generated/namespace/opts.hpp")
file(READ "${namespace_header}" header)
if(NOT header MATCHES "namespace acme::privacy")
  message(FATAL_ERROR "NAMESPACE did not reach the header")
endif()
build(configured FAIL "error: category 'unused_category' is declared but no statement uses it")
build(configured_override PASS)

# The header depends on the configuration: a new requirement in it regenerates and fails.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(WRITE "${WORK_DIR}/src/configured/policyc.toml" "profile = [\"gdpr\"]\n")
build(configured_override FAIL "error: GDPR grants the right 'access'")
