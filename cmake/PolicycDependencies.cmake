# Every dependency comes from a Debian 12 package; scripts/setup installs them.

find_package(antlr4-runtime 4.9 REQUIRED CONFIG)
find_program(ANTLR4_TOOL antlr4 REQUIRED DOC "Debian's antlr4 launcher script (package antlr4)")
find_program(JAVA_PROGRAM java REQUIRED DOC "Java runtime for the ANTLR tool (default-jre-headless)")

# The packaged runtime targets carry no include directories; wrap the static library in one
# target that does, with the headers as SYSTEM so their warnings stay out of our -Werror.
add_library(policyc_antlr4_runtime INTERFACE)
target_include_directories(policyc_antlr4_runtime SYSTEM INTERFACE "${ANTLR4_INCLUDE_DIR}")
target_link_libraries(policyc_antlr4_runtime INTERFACE antlr4_static)

find_package(LLVM 14 REQUIRED CONFIG HINTS /usr/lib/llvm-14/lib/cmake/llvm)
# Link the static LLVMSupport only, never together with the LLVM dylib ("Option registered
# more than once").
add_library(policyc_llvm_support INTERFACE)
target_include_directories(policyc_llvm_support SYSTEM INTERFACE ${LLVM_INCLUDE_DIRS})
separate_arguments(POLICYC_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(policyc_llvm_support INTERFACE ${POLICYC_LLVM_DEFINITIONS})
target_link_libraries(policyc_llvm_support INTERFACE LLVMSupport)

find_package(fmt 9 REQUIRED)
find_package(Threads REQUIRED)
