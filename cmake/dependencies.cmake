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

if(MAILFLOW_TESTS OR MAILFLOW_FUZZERS)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  add_subdirectory(/usr/src/googletest "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
endif()

if(NOT EMSCRIPTEN AND MAILFLOW_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
