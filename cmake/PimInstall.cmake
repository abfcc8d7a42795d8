# cmake --install: the host, the plugin, the ABI header, example configs and
# a CMake package so that third parties can build plugins:
#   find_package(PimHost REQUIRED)
#   pim_add_plugin(my_plugin my_plugin.c)
include(CMakePackageConfigHelpers)

install(FILES plugin/include/pim/plugin_abi.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pim)
install(FILES config/dev.yaml config/prod.yaml DESTINATION ${PIM_INSTALL_CONFIGDIR})
install(TARGETS pim_plugin_abi EXPORT PimHostTargets)
install(EXPORT PimHostTargets NAMESPACE PimHost:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PimHost)

configure_package_config_file(cmake/PimHostConfig.cmake.in ${PROJECT_BINARY_DIR}/PimHostConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PimHost
  PATH_VARS PIM_INSTALL_PLUGINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/PimHostConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/PimHostConfig.cmake ${PROJECT_BINARY_DIR}/PimHostConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/PimHost)
