# Third-party parts, all from Debian's packages (see scripts/bootstrap). Each is compiled at most
# once per build folder and shared by every target that needs it.

# nlohmann/json is header-only. In the wasm build /usr/include must never become an include
# directory (glibc's headers would shadow emscripten's), so we point at a folder holding only it.
find_path(NLOHMANN_JSON_HEADER nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(nlohmann_only "${CMAKE_BINARY_DIR}/nlohmann_include")
if(NOT EXISTS "${nlohmann_only}/nlohmann/json.hpp")
  file(MAKE_DIRECTORY "${nlohmann_only}")
  file(CREATE_LINK "${NLOHMANN_JSON_HEADER}/nlohmann" "${nlohmann_only}/nlohmann" SYMBOLIC)
endif()
add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${nlohmann_only}")

# zlib: inflate, deflate and CRC-32 for gzip, zip and saved reports. Natively the system's
# (zlib1g-dev); in wasm the same version compiled from Debian's source package (scripts/bootstrap
# unpacks it; emscripten's zlib port would need the internet). Either way the target is ZLIB::ZLIB.
if(EMSCRIPTEN)
  set(zlib_dir "${MAILFLOW_THIRD_PARTY}/zlib")
  if(NOT EXISTS "${zlib_dir}/inflate.c")
    message(FATAL_ERROR "zlib sources not found in ${zlib_dir}: run scripts/bootstrap")
  endif()
  # Only what raw inflate, deflate and crc32 need (no gz* file functions).
  add_library(mailflow_zlib STATIC
    ${zlib_dir}/adler32.c ${zlib_dir}/crc32.c ${zlib_dir}/deflate.c ${zlib_dir}/inffast.c
    ${zlib_dir}/inflate.c ${zlib_dir}/inftrees.c ${zlib_dir}/trees.c ${zlib_dir}/zutil.c)
  target_include_directories(mailflow_zlib SYSTEM PUBLIC ${zlib_dir})
  target_compile_options(mailflow_zlib PRIVATE -O3)
  add_library(ZLIB::ZLIB ALIAS mailflow_zlib)
else()
  find_package(ZLIB REQUIRED)
endif()

if(MAILFLOW_TESTS OR MAILFLOW_FUZZERS)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
endif()

if(NOT EMSCRIPTEN AND MAILFLOW_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# The Public Suffix List (Debian's publicsuffix), for the organisational domain of a remote host
# (report/partners). Generated at configure time into a C++ include of the rules that matter:
# ICANN section, ASCII, more than one label or a wildcard/exception (a single-label rule gives
# the same answer as the list's default rule "*").
set(MAILFLOW_PUBLIC_SUFFIX_LIST "/usr/share/publicsuffix/public_suffix_list.dat" CACHE FILEPATH
    "The Public Suffix List (Debian package publicsuffix)")
if(NOT EXISTS "${MAILFLOW_PUBLIC_SUFFIX_LIST}")
  message(FATAL_ERROR "${MAILFLOW_PUBLIC_SUFFIX_LIST} not found: run scripts/bootstrap (package publicsuffix)")
endif()
set(MAILFLOW_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
set(public_suffix_include "${MAILFLOW_GENERATED_DIR}/public_suffix_rules.inc")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${MAILFLOW_PUBLIC_SUFFIX_LIST}")
file(STRINGS "${MAILFLOW_PUBLIC_SUFFIX_LIST}" psl_lines ENCODING UTF-8)
set(psl_in_icann FALSE)
set(psl_rule_list "")
foreach(line IN LISTS psl_lines)
  if(line MATCHES "===BEGIN ICANN DOMAINS===")
    set(psl_in_icann TRUE)
  elseif(line MATCHES "===END ICANN DOMAINS===")
    set(psl_in_icann FALSE)
  elseif(psl_in_icann)
    string(STRIP "${line}" rule)
    if(rule MATCHES "^[!*]?[a-z0-9.*-]+$" AND rule MATCHES "[.!*]")
      list(APPEND psl_rule_list "${rule}")
    endif()
  endif()
endforeach()
# Sorted (ASCII, so byte order): the engine looks a rule up by binary search, with nothing to
# build when it starts (a hash set of them took 14 ms in the wasm build).
list(SORT psl_rule_list)
list(REMOVE_DUPLICATES psl_rule_list)
list(JOIN psl_rule_list "\",\n\"" psl_rules)
set(psl_rules "\"${psl_rules}\",\n")
file(CONFIGURE OUTPUT "${public_suffix_include}" CONTENT
  "// Generated from ${MAILFLOW_PUBLIC_SUFFIX_LIST} by cmake/dependencies.cmake. Do not edit.\n${psl_rules}")
