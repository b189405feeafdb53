# cmake -P ExpectCompile.cmake: compiles SOURCE with COMPILER and FLAGS (a ;-list) and checks
# the outcome: EXPECT=success, or EXPECT=failure with a compiler message matching REGEX (so
# that a test of a forbidden use fails for the right reason, not for a typo).
execute_process(COMMAND "${COMPILER}" ${FLAGS} -c "${SOURCE}" -o "${OBJECT}"
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(EXPECT STREQUAL "success")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SOURCE} does not compile:\n${out}${err}")
  endif()
  return()
endif()
if(result EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but the policy forbids what it does")
endif()
if(NOT "${out}${err}" MATCHES "${REGEX}")
  message(FATAL_ERROR "${SOURCE} failed for another reason than the policy:\n${out}${err}")
endif()
message(STATUS "rejected as expected: ${REGEX}")
