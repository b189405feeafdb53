# cmake -DNPM=... -DSOURCE_DIR=... -DNODE_DIR=... -P NodeModules.cmake
# The ctest fixture of text/accessibility-*: installs the pinned axe-core of package-lock.json
# into NODE_DIR (in the build folder) with `npm ci`, once: an install whose lock file matches
# the committed one is kept, so only the first run needs the npm registry. The same pattern as
# tests/e2e/cedar/NodeModules.cmake.
file(MAKE_DIRECTORY "${NODE_DIR}")
set(module "${NODE_DIR}/node_modules/axe-core/axe.min.js")
if(EXISTS "${module}" AND EXISTS "${NODE_DIR}/package-lock.json")
  file(SHA256 "${SOURCE_DIR}/package-lock.json" wanted)
  file(SHA256 "${NODE_DIR}/package-lock.json" have)
  if(wanted STREQUAL have)
    message(STATUS "text/axe: axe-core already installed in ${NODE_DIR}")
    return()
  endif()
endif()
configure_file("${SOURCE_DIR}/package.json" "${NODE_DIR}/package.json" COPYONLY)
configure_file("${SOURCE_DIR}/package-lock.json" "${NODE_DIR}/package-lock.json" COPYONLY)
execute_process(
  COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY "${NODE_DIR}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0 OR NOT EXISTS "${module}")
  # Leave no half-installed folder that the next run would take for a good one.
  file(REMOVE "${NODE_DIR}/package-lock.json")
  message(FATAL_ERROR "text/axe: `npm ci` in ${NODE_DIR} failed (${result}); it needs the npm "
                      "registry once (scripts/setup test installs node and npm)")
endif()
