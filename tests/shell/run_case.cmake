# Runs the mailflow shell once and checks what a user would see: the exit status, stdout (exactly,
# against an expected file) and text that stdout/stderr must contain.
#   -DMAILFLOW=<exe> -DWORKDIR=<dir> -DARGS=<arguments separated by |> -DEXPECT_EXIT=<n>
#   [-DINPUT=<file for stdin>] [-DEXPECT_STDOUT=<file>] [-DSTDOUT_CONTAINS=<text>]
#   [-DSTDERR_CONTAINS=<text>] [-DSTDERR_EMPTY=ON] [-DACTUAL=<file to keep stdout in on mismatch>]
#   [-DLOCALE=<LANG value>]
# The shell speaks the language of the locale environment: every case runs with LANG=C (English)
# unless it gives LOCALE, whatever the machine running the tests is set to.
unset(ENV{LC_ALL})
unset(ENV{LC_MESSAGES})
if(DEFINED LOCALE)
  set(ENV{LANG} "${LOCALE}")
else()
  set(ENV{LANG} "C")
endif()
string(REPLACE "|" ";" arguments "${ARGS}")
set(input_option)
if(DEFINED INPUT)
  set(input_option INPUT_FILE "${INPUT}")
endif()
execute_process(COMMAND "${MAILFLOW}" ${arguments}
                WORKING_DIRECTORY "${WORKDIR}"
                ${input_option}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)

set(failures)
if(NOT "${status}" STREQUAL "${EXPECT_EXIT}")
  list(APPEND failures "exit status ${status}, expected ${EXPECT_EXIT}")
endif()
if(DEFINED EXPECT_STDOUT)
  file(READ "${EXPECT_STDOUT}" expected)
  if(NOT out STREQUAL expected)
    set(actual "${ACTUAL}")
    if(NOT actual)
      set(actual "${CMAKE_CURRENT_BINARY_DIR}/actual.out")
    endif()
    file(WRITE "${actual}" "${out}")
    execute_process(COMMAND diff -u "${EXPECT_STDOUT}" "${actual}" OUTPUT_VARIABLE difference)
    list(APPEND failures "stdout differs from ${EXPECT_STDOUT} (actual output in ${actual}):\n${difference}")
  endif()
endif()
if(DEFINED STDOUT_CONTAINS)
  string(FIND "${out}" "${STDOUT_CONTAINS}" at)
  if(at EQUAL -1)
    list(APPEND failures "stdout lacks \"${STDOUT_CONTAINS}\"")
  endif()
endif()
if(DEFINED STDERR_CONTAINS)
  string(FIND "${err}" "${STDERR_CONTAINS}" at)
  if(at EQUAL -1)
    list(APPEND failures "stderr lacks \"${STDERR_CONTAINS}\"")
  endif()
endif()
if(STDERR_EMPTY AND NOT err STREQUAL "")
  list(APPEND failures "stderr should be empty")
endif()

if(failures)
  string(REPLACE ";" "\n  " text "${failures}")
  message(FATAL_ERROR "mailflow ${arguments}\n  ${text}\n--- stderr ---\n${err}")
endif()
