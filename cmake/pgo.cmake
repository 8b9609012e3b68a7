# Profile-guided optimisation of the native engine and shell (GCC, Release). The build compiles
# them once instrumented, in a build of its own (pgo/build under the build folder), runs that shell
# over training inputs (cmake/pgo_train.cmake), and compiles them again with what it counted: which
# way each branch goes, which calls and loops are hot. The code's layout and inlining change, not
# its answers. Measured in docs/profile-native.md ("Profile-guided optimisation").
#
# -DMAILFLOW_PGO=OFF builds without it: faster when iterating, and reproducibly (the counts of a run
# on two threads differ a little from run to run, and so does the program built from them).
option(MAILFLOW_PGO "Profile-guided optimisation of the native engine and shell (GCC Release builds)" ON)
# Set by this file for the instrumented build only.
set(MAILFLOW_PGO_TRAINING_BUILD OFF CACHE BOOL "internal: the instrumented build that trains the profile")
set(MAILFLOW_PGO_PROFILE_DIR "" CACHE PATH "internal: where the instrumented shell writes its counts")
mark_as_advanced(MAILFLOW_PGO_TRAINING_BUILD MAILFLOW_PGO_PROFILE_DIR)

set(mailflow_pgo_targets mailflow_engine mailflow)

# Both builds name a count file by its object's path below their own build folder, so the
# instrumented build's counts are found by the same objects of the final one.
if(MAILFLOW_PGO_TRAINING_BUILD)
  foreach(target IN LISTS mailflow_pgo_targets)
    target_compile_options(${target} PRIVATE -fprofile-generate -fprofile-update=atomic
                           "-fprofile-dir=${MAILFLOW_PGO_PROFILE_DIR}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}")
  endforeach()
  target_link_options(mailflow PRIVATE -fprofile-generate)
  return()
endif()

if(NOT MAILFLOW_PGO OR EMSCRIPTEN OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" OR NOT CMAKE_BUILD_TYPE STREQUAL "Release")
  return()
endif()

include(ExternalProject)
# A recursive make shares the build's jobs (`cmake --build` inside make would run one at a time).
if(CMAKE_GENERATOR MATCHES "Makefiles")
  set(pgo_build_command "$(MAKE)" mailflow)
else()
  set(pgo_build_command ${CMAKE_COMMAND} --build <BINARY_DIR> --target mailflow)
endif()
set(pgo_dir "${CMAKE_BINARY_DIR}/pgo")
set(pgo_profile_dir "${pgo_dir}/profile")
set(pgo_shell "${pgo_dir}/build/shell/mailflow")
set(pgo_stamp "${pgo_dir}/trained.stamp")

ExternalProject_Add(mailflow_pgo_build
  SOURCE_DIR "${CMAKE_SOURCE_DIR}"
  BINARY_DIR "${pgo_dir}/build"
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release
             -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
             -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
             -DMAILFLOW_TESTS=OFF
             -DMAILFLOW_BENCHMARKS=OFF
             -DMAILFLOW_THIRD_PARTY=${MAILFLOW_THIRD_PARTY}
             -DMAILFLOW_PUBLIC_SUFFIX_LIST=${MAILFLOW_PUBLIC_SUFFIX_LIST}
             -DMAILFLOW_PGO_TRAINING_BUILD=ON
             -DMAILFLOW_PGO_PROFILE_DIR=${pgo_profile_dir}
  BUILD_COMMAND ${pgo_build_command}
  BUILD_ALWAYS ON  # its own make decides what is out of date
  INSTALL_COMMAND ""
  BUILD_BYPRODUCTS "${pgo_shell}")

# Trained again only when the instrumented shell (or the training) changed.
find_program(MAILFLOW_NODE NAMES node nodejs)
add_custom_command(
  OUTPUT "${pgo_stamp}"
  COMMAND ${CMAKE_COMMAND} "-DSHELL=${pgo_shell}" "-DPROFILE_DIR=${pgo_profile_dir}" "-DDATA_DIR=${pgo_dir}/data"
          "-DSOURCE_DIR=${CMAKE_SOURCE_DIR}" "-DNODE=${MAILFLOW_NODE}" "-DSTAMP=${pgo_stamp}"
          -P "${CMAKE_SOURCE_DIR}/cmake/pgo_train.cmake"
  DEPENDS "${pgo_shell}" "${CMAKE_SOURCE_DIR}/cmake/pgo_train.cmake" "${CMAKE_SOURCE_DIR}/tests/bench/generate_large.mjs"
  COMMENT "Training the profile-guided optimisation: the instrumented shell over examples and generated logs"
  VERBATIM)
add_custom_target(mailflow_pgo_training DEPENDS "${pgo_stamp}")
add_dependencies(mailflow_pgo_training mailflow_pgo_build)

foreach(target IN LISTS mailflow_pgo_targets)
  add_dependencies(${target} mailflow_pgo_training)
  # -fprofile-partial-training: what the training never ran is optimised as without a profile,
  # not for size as code never run would be.
  target_compile_options(${target} PRIVATE -fprofile-use -fprofile-partial-training -Wno-missing-profile
                         "-fprofile-dir=${pgo_profile_dir}" "-fprofile-prefix-path=${CMAKE_BINARY_DIR}")
  # GCC 12 takes some of std::string's inlined copies for overflows (`"(" + text`), at places that
  # move with the inlining the counts choose, and the counts of two threads differ a little from
  # run to run. Off here only: every other build keeps these warnings.
  target_compile_options(${target} PRIVATE -Wno-restrict -Wno-stringop-overflow)
  # New counts compile the objects again.
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  foreach(source IN LISTS sources)
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}")
    set_property(SOURCE "${source}" TARGET_DIRECTORY ${target} APPEND PROPERTY OBJECT_DEPENDS "${pgo_stamp}")
  endforeach()
endforeach()
