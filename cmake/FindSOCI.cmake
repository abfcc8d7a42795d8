# Finds SOCI 4 (Debian's libsoci-dev ships no CMake package) and defines
# SOCI::core, SOCI::sqlite3, SOCI::postgresql and SOCI::mysql. The latter two
# also bring their client library (libpq, libmariadb): SOCI_PQ_LIBRARY and
# SOCI_MYSQL_CLIENT_LIBRARY, for code that calls it directly.
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY soci_core)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql)
find_library(SOCI_MYSQL_LIBRARY soci_mysql)
find_path(SOCI_PQ_INCLUDE_DIR libpq-fe.h PATH_SUFFIXES postgresql)
find_path(SOCI_MYSQL_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql)
find_library(SOCI_PQ_LIBRARY pq)
find_library(SOCI_MYSQL_CLIENT_LIBRARY NAMES mariadb mysqlclient)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI REQUIRED_VARS
  SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_SQLITE3_LIBRARY SOCI_POSTGRESQL_LIBRARY
  SOCI_MYSQL_LIBRARY SOCI_PQ_INCLUDE_DIR SOCI_MYSQL_INCLUDE_DIR SOCI_PQ_LIBRARY SOCI_MYSQL_CLIENT_LIBRARY)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES IMPORTED_LOCATION ${SOCI_CORE_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${SOCI_INCLUDE_DIR})
  foreach(backend sqlite3 postgresql mysql)
    string(TOUPPER ${backend} upper)
    add_library(SOCI::${backend} UNKNOWN IMPORTED)
    set_target_properties(SOCI::${backend} PROPERTIES
      IMPORTED_LOCATION ${SOCI_${upper}_LIBRARY} INTERFACE_LINK_LIBRARIES SOCI::core)
  endforeach()
  set_property(TARGET SOCI::postgresql APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${SOCI_PQ_INCLUDE_DIR})
  set_property(TARGET SOCI::postgresql APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${SOCI_PQ_LIBRARY})
  set_property(TARGET SOCI::mysql APPEND PROPERTY INTERFACE_INCLUDE_DIRECTORIES ${SOCI_MYSQL_INCLUDE_DIR})
  set_property(TARGET SOCI::mysql APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${SOCI_MYSQL_CLIENT_LIBRARY})
endif()

# The SONAMEs of the backends the plugin loads on demand (dlopen), as the
# dynamic linker would have recorded them.
foreach(backend POSTGRESQL MYSQL)
  if(SOCI_${backend}_LIBRARY AND NOT SOCI_${backend}_SONAME)
    execute_process(COMMAND objdump -p ${SOCI_${backend}_LIBRARY} OUTPUT_VARIABLE dynamic_section)
    string(REGEX MATCH "SONAME +([^\n]+)" _ "${dynamic_section}")
    set(SOCI_${backend}_SONAME ${CMAKE_MATCH_1} CACHE STRING "SONAME of SOCI's ${backend} backend")
  endif()
endforeach()
