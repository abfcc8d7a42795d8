# pim_enable_warnings(<target>): the project's warning set, as errors when PIM_WERROR is ON.
function(pim_enable_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
    $<$<COMPILE_LANGUAGE:C>:-Wno-old-style-cast -Wno-non-virtual-dtor -Wno-overloaded-virtual>)
  if(PIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
