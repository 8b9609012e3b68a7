# The training of cmake/pgo.cmake: runs the instrumented shell (SHELL) the way the shell is used
# (aggregate, on one thread and on two), over every format it reads: the examples, the shapes of
# other people's samples (tests/data/real-shapes), and about 8 MB of each kind the benchmarks
# generate (tests/bench/generate_large.mjs --size train, when node is there), where the hot paths
# run long enough to count. Counts go to PROFILE_DIR, emptied first (counts of an older shell
# would not match); STAMP is written last.
#   cmake -DSHELL=... -DPROFILE_DIR=... -DDATA_DIR=... -DSOURCE_DIR=... [-DNODE=...] -DSTAMP=... -P pgo_train.cmake

file(GLOB old_counts "${PROFILE_DIR}/*.gcda")
if(old_counts)
  file(REMOVE ${old_counts})
endif()
file(REMOVE "${STAMP}")

set(inputs "${SOURCE_DIR}/examples" "${SOURCE_DIR}/tests/data/real-shapes")
if(NODE)
  execute_process(
    COMMAND "${NODE}" "${SOURCE_DIR}/tests/bench/generate_large.mjs" --size train --out "${DATA_DIR}"
    RESULT_VARIABLE generated OUTPUT_VARIABLE generated_files ERROR_VARIABLE generate_errors)
  if(generated EQUAL 0)
    string(STRIP "${generated_files}" generated_files)
    string(REPLACE "\n" ";" generated_files "${generated_files}")
    list(APPEND inputs ${generated_files})
  else()
    message(WARNING "pgo: the training logs could not be generated (${generate_errors}); training on the examples alone")
  endif()
else()
  message(WARNING "pgo: node not found; training on the examples alone (the large logs come from tests/bench/generate_large.mjs)")
endif()

foreach(threads 1 2)
  foreach(input IN LISTS inputs)
    execute_process(COMMAND "${SHELL}" aggregate --threads ${threads} "${input}"
                    RESULT_VARIABLE result OUTPUT_QUIET ERROR_VARIABLE errors)
    # A folder's README is reported, not read: only a run that failed outright stops the build.
    if(NOT result EQUAL 0)
      message(FATAL_ERROR "pgo: the instrumented shell failed on ${input} (${result}): ${errors}")
    endif()
  endforeach()
endforeach()

file(GLOB counts "${PROFILE_DIR}/*.gcda")
if(NOT counts)
  message(FATAL_ERROR "pgo: the instrumented shell wrote no counts to ${PROFILE_DIR}")
endif()
file(TOUCH "${STAMP}")
