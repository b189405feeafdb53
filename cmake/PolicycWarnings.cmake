# Warnings as errors on our own code only; generated parser code gets none of this.
function(policyc_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports impossible overlaps in std::string concatenation at -O2
    # (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105651); clang and GCC 13 do not.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
