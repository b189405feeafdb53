# cmake -P CliChecks.cmake -DPOLICYC=... -DSOURCE_DIR=... -DWORK_DIR=...: the command line of
# `policyc query` and `policyc gen cpp|cedar|cedar-entities|cedar-schema`: answers, exit codes, --namespace,
# --depfile, determinism, and that nothing is written for a policy with errors.
foreach(var POLICYC SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "CliChecks.cmake needs -D${var}=...")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
configure_file("${SOURCE_DIR}/tests/golden/cpp/shop.policy" "${WORK_DIR}/golden.policy" COPYONLY)
file(COPY "${SOURCE_DIR}/tests/e2e/consumer/shop.policy" "${SOURCE_DIR}/tests/e2e/consumer/vocab.policy"
     DESTINATION "${WORK_DIR}")

# run(<expected exit code> <regex the output must match> args...)
function(run expected_code regex)
  execute_process(COMMAND "${POLICYC}" ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expected_code)
    message(FATAL_ERROR "policyc ${ARGN}: exit ${code}, expected ${expected_code}\n${out}${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "policyc ${ARGN}: output does not match '${regex}':\n${out}${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(query query golden.policy --category contact.email --purpose marketing.newsletter)
run(0 "decision: denied\nreason: consent missing\nstatement: 3 at golden.policy:16:1: use contact.email"
    ${query} --source website.checkout)
run(0 "granted consents: newsletter_email, analytics\ndecision: allowed\nreason: permitted"
    ${query} --source website.checkout --consent newsletter_email)
run(0 "granted consents: none\ndecision: denied\nreason: consent missing"
    ${query} --source website.checkout --withdraw analytics)
# Without --source: every source, grouped by answer.
run(0 "sources: website, website.support_chat\ndecision: denied\nreason: no statement\n\nsources: website.checkout\ndecision: denied"
    ${query})
run(0 "disclosure of contact.postal_address from website.checkout for marketing to carriers\n.*reason: prohibited\nstatement: 4"
    query golden.policy --category contact.postal_address --source website.checkout
    --purpose marketing --recipient carriers)
run(2 "unknown category 'contact.emial'; did you mean 'contact.email'\\?"
    query golden.policy --category contact.emial --purpose marketing)
run(2 "unknown consent 'newsleter_email'; did you mean 'newsletter_email'\\?"
    ${query} --consent newsleter_email)
run(2 "names a group; a decision is about one recipient"
    ${query} --recipient external)

# gen cpp: namespaces, determinism, depfile.
run(2 "invalid --namespace '1acme': '1acme' does not start with a letter"
    gen cpp golden.policy --namespace 1acme -o bad.hpp)
if(EXISTS "${WORK_DIR}/bad.hpp")
  message(FATAL_ERROR "gen cpp wrote a header for an invalid --namespace")
endif()
run(0 "" gen cpp golden.policy --namespace acme::privacy -o first.hpp)
run(0 "" gen cpp golden.policy --namespace acme::privacy -o second.hpp)
file(READ "${WORK_DIR}/first.hpp" first)
file(READ "${WORK_DIR}/second.hpp" second)
if(NOT first STREQUAL second OR NOT first MATCHES "namespace acme::privacy {")
  message(FATAL_ERROR "gen cpp is not deterministic or ignores --namespace")
endif()
run(0 "" gen cpp shop.policy -o shop.hpp --depfile shop.hpp.d)
file(READ "${WORK_DIR}/shop.hpp.d" depfile)
if(NOT depfile MATCHES "^[^\n]*/shop.hpp:" OR NOT depfile MATCHES "/shop.policy"
   OR NOT depfile MATCHES "/vocab.policy")
  message(FATAL_ERROR "the depfile does not name the policy and its import:\n${depfile}")
endif()
run(0 "permit \\(" gen cedar golden.policy)
run(0 "\"type\": \"Category\"" gen cedar-entities golden.policy)
run(0 "action \"process\" appliesTo" gen cedar-schema golden.policy)

# A policy with errors: diagnostics, exit 1, and no output file.
file(WRITE "${WORK_DIR}/broken.policy" "category c;\nsource s;\nuse c from s for nothing;\n")
run(1 "unknown purpose 'nothing'" gen cpp broken.policy -o broken.hpp)
if(EXISTS "${WORK_DIR}/broken.hpp")
  message(FATAL_ERROR "gen cpp wrote a header for a policy with errors")
endif()
message(STATUS "query and gen cpp/cedar command lines behave")
