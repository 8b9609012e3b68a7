# The Debian package: `cmake --build --preset native --target package` writes
# build/native/mailflow_<version>_<arch>.deb with what shell/CMakeLists.txt installs, under /usr:
#   /usr/bin/mailflow                                   the program
#   /usr/share/mailflow/mailflow.html                   the page (from the wasm build: build it first)
#   /usr/share/man/man1/mailflow.1                      made from mailflow --help
#   /usr/share/bash-completion/completions/mailflow
#   /usr/share/doc/mailflow/README.md
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mailflow)
set(CPACK_PACKAGE_VENDOR mailflow)
set(CPACK_PACKAGE_CONTACT "mailflow <mailflow@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mail-flow TLS and connector report from mail log exports")
set(CPACK_PACKAGE_DESCRIPTION "Reads Exchange Online and Exchange Server exports, Postfix, Exim and
Sendmail logs and TLS-RPT reports, and reports how much mail each connector
carries in and out and how much of it is protected by TLS. The same engine runs
in mailflow.html, a self-contained page that reads the files in the browser.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
# The libraries the program links (libc, libstdc++, zlib) as dpkg-shlibdeps finds them, else by name.
find_program(MAILFLOW_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(MAILFLOW_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libgcc-s1, libstdc++6, zlib1g")
endif()
# No package without the page: `report --html` needs it.
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/package_check.cmake")
include(CPack)
