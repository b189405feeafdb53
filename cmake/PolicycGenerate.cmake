# policyc_generate(TARGET <target> POLICIES <file>... [NAMESPACE <ns>] [PROFILE <law>...]
#                  [WERROR] [CHECK_FLAGS <flag>...] [OUTPUT_DIR <dir>])
#
# Generates one C++ header per policy with `policyc gen cpp`, adds it to <target>, puts its
# folder on <target>'s include path and links policyc::runtime. `#include "<name>.hpp"`
# where <name> is the policy file's name without `.policy`. The header is regenerated when
# the policy, any file it imports, its project configuration (policyc.toml) or policyc itself
# changes; policyc refuses (and the build fails) when the policy has errors. Without
# NAMESPACE each header uses the policy file's name as its namespace (docs/cpp-api.md).
#
# The checker runs before every generation; these options are passed to it as command-line
# options, which override the project configuration (docs/configuration.md):
#   PROFILE gdpr ccpa   also check what these regulations require (--profile)
#   WERROR              every warning is an error, so a hygiene finding fails the build
#   CHECK_FLAGS ...     more diagnostic options, e.g. -Wno-shadowed -Werror=consent
#
# Works with the installed package (find_package(policyc CONFIG)) and inside policyc's own
# build, where the compiler is the `policyc` target.
function(policyc_generate)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "WERROR" "TARGET;NAMESPACE;OUTPUT_DIR"
                        "POLICIES;PROFILE;CHECK_FLAGS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "policyc_generate: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_TARGET OR NOT TARGET "${ARG_TARGET}")
    message(FATAL_ERROR "policyc_generate: TARGET must name an existing target")
  endif()
  if(NOT ARG_POLICIES)
    message(FATAL_ERROR "policyc_generate: POLICIES needs at least one policy file")
  endif()
  foreach(profile IN LISTS ARG_PROFILE)
    if(NOT profile MATCHES "^(gdpr|ccpa)$")
      message(FATAL_ERROR "policyc_generate: unknown PROFILE '${profile}'; known: gdpr ccpa")
    endif()
  endforeach()
  foreach(flag IN LISTS ARG_CHECK_FLAGS)
    if(NOT flag MATCHES "^(-W|-ferror-limit=)")
      message(FATAL_ERROR "policyc_generate: CHECK_FLAGS takes diagnostic options (-W..., "
                          "-ferror-limit=N), not '${flag}'")
    endif()
  endforeach()
  # The options of the checker, the same for every policy of the call.
  set(check_options)
  if(ARG_PROFILE)
    list(JOIN ARG_PROFILE "," profiles)
    list(APPEND check_options "--profile=${profiles}")
  endif()
  if(ARG_WERROR)
    list(APPEND check_options -Werror)
  endif()
  list(APPEND check_options ${ARG_CHECK_FLAGS})
  if(TARGET policyc::policyc)
    set(compiler policyc::policyc)
  elseif(TARGET policyc)
    set(compiler policyc)
  else()
    message(FATAL_ERROR "policyc_generate: no policyc compiler; use find_package(policyc CONFIG)")
  endif()
  if(TARGET policyc::runtime)
    set(runtime policyc::runtime)
  else()
    set(runtime policyc_runtime)
  endif()
  set(out_dir "${ARG_OUTPUT_DIR}")
  if(NOT out_dir)
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/policyc_generated/${ARG_TARGET}")
  endif()
  file(MAKE_DIRECTORY "${out_dir}")

  # Imports are tracked through a depfile where the generator supports one.
  set(use_depfile OFF)
  if(CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
    set(use_depfile ON)
  endif()

  set(headers)
  foreach(policy IN LISTS ARG_POLICIES)
    get_filename_component(absolute "${policy}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(name "${policy}" NAME_WLE)
    set(header "${out_dir}/${name}.hpp")
    # The policy path as written (relative to this folder) is what the header and its
    # decisions cite, so generated headers do not depend on where the tree is checked out.
    set(command "${compiler}" gen cpp "${policy}" -o "${header}" ${check_options})
    if(ARG_NAMESPACE)
      list(APPEND command --namespace "${ARG_NAMESPACE}")
    endif()
    set(depfile_args)
    if(use_depfile)
      list(APPEND command --depfile "${header}.d")
      set(depfile_args DEPFILE "${header}.d")
    endif()
    add_custom_command(
      OUTPUT "${header}"
      COMMAND ${command}
      DEPENDS "${absolute}" "${compiler}"
      ${depfile_args}
      WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
      COMMENT "policyc: generating ${name}.hpp from ${policy}"
      VERBATIM)
    list(APPEND headers "${header}")
  endforeach()
  target_sources("${ARG_TARGET}" PRIVATE ${headers})
  target_include_directories("${ARG_TARGET}" PUBLIC "$<BUILD_INTERFACE:${out_dir}>")
  target_link_libraries("${ARG_TARGET}" PUBLIC ${runtime})
endfunction()
