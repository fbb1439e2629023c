# Every third-party dependency comes from Debian 12 packages (scripts/lib/deps.sh installs them).
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(Boost 1.81 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)

find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIB soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIB soci_sqlite3 REQUIRED)
find_library(SOCI_MYSQL_LIB soci_mysql REQUIRED)
find_path(MARIADB_INCLUDE_DIR mysql.h PATHS /usr/include/mariadb REQUIRED)
find_library(MARIADB_LIB NAMES mariadb mysqlclient REQUIRED)

add_library(kingkung_soci INTERFACE)
target_include_directories(kingkung_soci SYSTEM INTERFACE ${SOCI_INCLUDE_DIR} ${MARIADB_INCLUDE_DIR})
target_link_libraries(kingkung_soci INTERFACE ${SOCI_CORE_LIB} ${SOCI_SQLITE3_LIB} ${SOCI_MYSQL_LIB}
                      ${MARIADB_LIB} SQLite::SQLite3 ${CMAKE_DL_LIBS})

# Boost.Asio and Boost.Beast are compiled once, in kingkung_net (core/src/net/asio_beast.cpp).
add_library(kingkung_boost_net_defs INTERFACE)
target_compile_definitions(kingkung_boost_net_defs INTERFACE
  BOOST_ASIO_SEPARATE_COMPILATION BOOST_BEAST_SEPARATE_COMPILATION BOOST_ASIO_NO_DEPRECATED)
target_link_libraries(kingkung_boost_net_defs INTERFACE Boost::headers Threads::Threads)

if(KINGKUNG_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(KINGKUNG_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
