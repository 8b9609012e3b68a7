# Writes mailflow.1 from the program's own help texts (mailflow --help and mailflow COMMAND --help),
# so the man page says exactly what --help says. Run by shell/CMakeLists.txt after each build:
#   cmake -DMAILFLOW=path/to/mailflow -DVERSION=x.y.z -DOUT=mailflow.1 -P cmake/man_page.cmake
foreach(var MAILFLOW VERSION OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "man_page.cmake needs -D${var}=...")
  endif()
endforeach()

function(help_text out_var)
  execute_process(COMMAND "${MAILFLOW}" ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${MAILFLOW} ${ARGN} --help failed (${status})")
  endif()
  # roff: a backslash prints as \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

help_text(general)
# The commands are the lines under "Commands:" in the general help: "  name   summary".
string(REGEX MATCH "Commands:\n(  [a-z]+[^\n]*\n)+" command_block "${general}")
string(REGEX MATCHALL "\n  [a-z]+" command_lines "${command_block}")

set(man ".TH MAILFLOW 1 \"\" \"mailflow ${VERSION}\" \"User Commands\"\n")
string(APPEND man ".SH NAME\nmailflow \\- mail-flow TLS and connector report from mail log exports\n")
string(APPEND man ".SH SYNOPSIS\n.B mailflow\n.I COMMAND\n[\\fIOPTIONS\\fR] \\fIFILE\\fR...\n")
string(APPEND man ".SH DESCRIPTION\nThe text of \\fBmailflow \\-\\-help\\fR:\n.PP\n.nf\n${general}.fi\n")
string(APPEND man ".SH COMMANDS\n")
foreach(line ${command_lines})
  string(STRIP "${line}" command)
  help_text(text ${command})
  string(APPEND man ".SS mailflow ${command}\nThe text of \\fBmailflow ${command} \\-\\-help\\fR:\n.PP\n.nf\n${text}.fi\n")
endforeach()
string(APPEND man ".SH FILES\n.TP\n.I /usr/share/mailflow/mailflow.html\n"
                  "the page that \\fBmailflow report \\-\\-html\\fR builds saved reports from\n")
string(APPEND man ".SH SEE ALSO\n/usr/share/doc/mailflow/README.md\n")
file(WRITE "${OUT}" "${man}")
