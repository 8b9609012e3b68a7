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
