# CPack runs this after installing into its staging folder: the package must carry the page.
file(GLOB_RECURSE staged_pages "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/mailflow.html")
list(FILTER staged_pages INCLUDE REGEX "/share/mailflow/mailflow\\.html$")
if(NOT staged_pages)
  message(FATAL_ERROR "the page is not built: run cmake --build --preset wasm first (or set "
                      "MAILFLOW_PACKAGE_PAGE to a built mailflow.html)")
endif()
