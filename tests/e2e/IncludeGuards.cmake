# cmake -P IncludeGuards.cmake: headers whose namespaces differ only where the old include
# guard was not injective (`a::b_c` and `a_b::c`, `Shop` and `shop`) are generated from one
# policy and compiled together, each used; a namespace the standard headers declare at global
# scope (`size_t`) is refused. Arguments: POLICYC, POLICY, COMPILER, RUNTIME_INCLUDE, WORK_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(namespaces "a::b_c" "a_b::c" "Shop" "shop")
set(includes "")
set(uses "")
set(index 0)
foreach(ns IN LISTS namespaces)
  execute_process(COMMAND "${POLICYC}" gen cpp "${POLICY}" -o "${WORK_DIR}/h${index}.hpp"
                          --namespace "${ns}"
                  RESULT_VARIABLE result ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "policyc gen cpp --namespace ${ns} failed:\n${err}")
  endif()
  string(APPEND includes "#include \"h${index}.hpp\"\n")
  string(APPEND uses "static_assert(${ns}::kCategoryCount > 0, \"${ns} was skipped\");\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${WORK_DIR}/together.cpp" "${includes}${uses}int main() { return 0; }\n")
execute_process(COMMAND "${COMPILER}" -std=c++17 -Wall -Wextra -Werror -pedantic
                        -I "${RUNTIME_INCLUDE}" -I "${WORK_DIR}" -fsyntax-only
                        "${WORK_DIR}/together.cpp"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "headers of different namespaces do not compile together:\n${out}${err}")
endif()

execute_process(COMMAND "${POLICYC}" gen cpp "${POLICY}" -o "${WORK_DIR}/size_t.hpp"
                        --namespace size_t
                RESULT_VARIABLE result ERROR_VARIABLE err)
if(NOT result EQUAL 2 OR NOT err MATCHES "declared at global scope by the standard library")
  message(FATAL_ERROR "--namespace size_t: expected a usage error, got ${result}:\n${err}")
endif()
if(EXISTS "${WORK_DIR}/size_t.hpp")
  message(FATAL_ERROR "--namespace size_t wrote a header")
endif()
message(STATUS "4 headers compiled together; --namespace size_t refused")
