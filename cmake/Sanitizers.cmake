# RESOURCE_TIDY_SANITIZE=ON: AddressSanitizer and UndefinedBehaviorSanitizer
# in the checks, so the plugin and resource-clangd catch memory errors and
# undefined behaviour in our code on every test.
#
# clang-tidy itself is not instrumented, so the ASan runtime must be the
# first library of the process that loads the plugin: the tests preload it
# (RESOURCE_TIDY_SANITIZER_PRELOAD, written into lit.site.cfg.py), and
# resource-clangd links it. UBSan's vptr check needs RTTI, which LLVM is
# built without, so it is left out.

set(RESOURCE_TIDY_SANITIZER_PRELOAD "")
if(NOT RESOURCE_TIDY_SANITIZE)
  return()
endif()

set(_sanitize_flags -fsanitize=address,undefined -fno-sanitize=vptr
  -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  set(_asan_runtime libasan.so)
elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # clang links its runtime statically unless told otherwise; a plugin
  # needs the shared one, preloaded.
  list(APPEND _sanitize_flags -shared-libsan)
  set(_asan_runtime libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so)
else()
  message(FATAL_ERROR "RESOURCE_TIDY_SANITIZE needs GCC or Clang, not ${CMAKE_CXX_COMPILER_ID}")
endif()

execute_process(
  COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${_asan_runtime}
  OUTPUT_VARIABLE _asan_path OUTPUT_STRIP_TRAILING_WHITESPACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang" AND NOT IS_ABSOLUTE "${_asan_path}")
  # Newer clang: per-target directory, no architecture in the name.
  execute_process(
    COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libclang_rt.asan.so
    OUTPUT_VARIABLE _asan_path OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
get_filename_component(_asan_path "${_asan_path}" REALPATH)
if(NOT EXISTS "${_asan_path}" OR IS_DIRECTORY "${_asan_path}")
  message(FATAL_ERROR "RESOURCE_TIDY_SANITIZE: ${CMAKE_CXX_COMPILER} has no "
    "AddressSanitizer runtime (${_asan_runtime}); install its sanitizer "
    "libraries (for GCC 12 on Debian: libasan8 libubsan1)")
endif()
set(RESOURCE_TIDY_SANITIZER_PRELOAD "${_asan_path}")
message(STATUS "resource-tidy: sanitizers on; the ASan runtime to preload "
  "into clang-tidy is ${_asan_path}")

set(RESOURCE_TIDY_SANITIZE_FLAGS ${_sanitize_flags})
target_compile_options(ResourceTidyChecks PUBLIC ${_sanitize_flags})
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC's flow warnings misfire on instrumented code (in LLVM's DenseMap).
  # LLVM's headers poison arena memory in inline code when they see an ASan
  # build; the LLVM and clangd libraries around us are not one, and would
  # then read memory our copy of that code poisoned (clangd's RefSlab).
  # Our code stays instrumented; LLVM's headers behave as in the libraries.
  target_compile_options(ResourceTidyChecks PUBLIC -Wno-maybe-uninitialized
    -U__SANITIZE_ADDRESS__)
endif()
# resource-clangd links the object library and so the runtimes.
target_link_options(ResourceTidyChecks INTERFACE ${_sanitize_flags})
