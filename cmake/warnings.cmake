# Warnings for our own code only (third-party targets keep their defaults).
function(mailflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion -Wno-missing-field-initializers)
endfunction()
