# Install rules and the package config that find_package(policyc CONFIG) reads: the
# compiler, the runtime headers, the exported targets (namespace policyc::) and
# policyc_generate(). Included after the compiler and runtime targets exist.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(policyc_runtime PROPERTIES EXPORT_NAME runtime)
install(TARGETS policyc EXPORT policycTargets RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(TARGETS policyc_runtime EXPORT policycTargets)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/include/policyc"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

set(POLICYC_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/policyc")
install(EXPORT policycTargets NAMESPACE policyc:: DESTINATION "${POLICYC_CMAKE_DIR}")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/policycConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/policycConfig.cmake"
                              INSTALL_DESTINATION "${POLICYC_CMAKE_DIR}")
# Generated headers static_assert the runtime version, so only the same minor release matches.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/policycConfigVersion.cmake"
                                 VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/policycConfig.cmake"
              "${PROJECT_BINARY_DIR}/policycConfigVersion.cmake"
              "${CMAKE_CURRENT_LIST_DIR}/PolicycGenerate.cmake"
        DESTINATION "${POLICYC_CMAKE_DIR}")

# policyc_generate() inside this build too (tests, examples).
include(PolicycGenerate)
