# resource-clangd: upstream clangd with the resource checks linked in.
#
# clangd cannot load clang-tidy plugins, so editor users need a clangd that
# contains the module. Debian ships clangd's own code as static libraries
# (libclangdMain.a, libclangDaemon.a, ...) linked against libclang-cpp and
# libLLVM, and built with remote-index support, which pulls in gRPC and
# protobuf.
#
# RESOURCE_TIDY_CLANGD: AUTO (build it when everything it needs is found,
# say what is missing otherwise), ON (missing pieces are an error), OFF.

set(RESOURCE_TIDY_CLANGD AUTO CACHE STRING
  "Build bin/resource-clangd (AUTO, ON or OFF)")
set_property(CACHE RESOURCE_TIDY_CLANGD PROPERTY STRINGS AUTO ON OFF)
string(TOUPPER "${RESOURCE_TIDY_CLANGD}" _clangd_mode)
if(NOT _clangd_mode MATCHES "^(AUTO|ON|OFF)$")
  message(FATAL_ERROR "RESOURCE_TIDY_CLANGD must be AUTO, ON or OFF, not '${RESOURCE_TIDY_CLANGD}'")
endif()

# Says why resource-clangd is not built (the arguments, concatenated): an
# error when it was asked for.
macro(resource_clangd_unavailable)
  string(CONCAT _clangd_why ${ARGV})
  if(_clangd_mode STREQUAL "ON")
    message(FATAL_ERROR "resource-tidy: cannot build resource-clangd: ${_clangd_why}")
  endif()
  message(STATUS "resource-tidy: not building resource-clangd: ${_clangd_why} "
    "(set RESOURCE_TIDY_CLANGD=OFF to silence this)")
  return()
endmacro()

if(_clangd_mode STREQUAL "OFF")
  message(STATUS "resource-tidy: resource-clangd disabled (RESOURCE_TIDY_CLANGD=OFF)")
  return()
endif()
if(CMAKE_VERSION VERSION_LESS 3.24)
  resource_clangd_unavailable("it needs CMake 3.24 or newer (this is ${CMAKE_VERSION})")
endif()

set(_llvm_libdir "${LLVM_LIBRARY_DIR}")
set(_clangd_missing)
foreach(lib clangdMain clangDaemon clangDaemonTweaks clangdSupport clangTidy)
  if(NOT EXISTS "${_llvm_libdir}/lib${lib}.a")
    list(APPEND _clangd_missing "lib${lib}.a")
  endif()
endforeach()
if(_clangd_missing)
  list(JOIN _clangd_missing ", " _clangd_missing)
  resource_clangd_unavailable("${_llvm_libdir} lacks ${_clangd_missing} "
    "(install libclang-${LLVM_VERSION_MAJOR}-dev)")
endif()

# clangd built with remote-index support links gRPC and protobuf. Debian's
# gRPC CMake package refers to tools it does not install, so use pkg-config.
if(EXISTS "${_llvm_libdir}/libclangdRemoteIndex.a")
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(RESOURCE_TIDY_GRPC QUIET IMPORTED_TARGET grpc++ protobuf)
  endif()
  if(NOT RESOURCE_TIDY_GRPC_FOUND)
    resource_clangd_unavailable("this clangd uses gRPC remote indexes and "
      "grpc++/protobuf were not found by pkg-config "
      "(install pkg-config libgrpc++-dev libprotobuf-dev)")
  endif()
  if(NOT TARGET gRPC::grpc++)
    add_library(gRPC::grpc++ INTERFACE IMPORTED)
    target_link_libraries(gRPC::grpc++ INTERFACE PkgConfig::RESOURCE_TIDY_GRPC)
  endif()
  if(NOT TARGET protobuf::libprotobuf)
    add_library(protobuf::libprotobuf INTERFACE IMPORTED)
    target_link_libraries(protobuf::libprotobuf INTERFACE PkgConfig::RESOURCE_TIDY_GRPC)
  endif()
endif()

find_package(Clang CONFIG QUIET
  PATHS "${_llvm_libdir}/cmake/clang" NO_DEFAULT_PATH)
if(NOT Clang_FOUND OR NOT TARGET clangdMain)
  resource_clangd_unavailable("ClangConfig.cmake with the clangdMain target "
    "was not found in ${_llvm_libdir}/cmake/clang")
endif()

# clangd finds clang's builtin headers (stddef.h, ...) next to its binary;
# ours lives elsewhere, so it defaults to the toolchain's.
set(RESOURCE_TIDY_CLANG_RESOURCE_DIR "${_llvm_libdir}/clang/${LLVM_VERSION_MAJOR}")
if(NOT EXISTS "${RESOURCE_TIDY_CLANG_RESOURCE_DIR}/include/stddef.h")
  message(STATUS "resource-tidy: no clang resource directory at "
    "${RESOURCE_TIDY_CLANG_RESOURCE_DIR}; resource-clangd will need --resource-dir "
    "(install libclang-common-${LLVM_VERSION_MAJOR}-dev)")
  set(RESOURCE_TIDY_CLANG_RESOURCE_DIR "")
endif()

add_executable(resource-clangd tools/resource-clangd/ResourceClangdMain.cpp)
set_target_properties(resource-clangd PROPERTIES
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin"
  # libclang-cpp lives only in the LLVM tree, also once installed.
  INSTALL_RPATH "${_llvm_libdir}")
target_compile_definitions(resource-clangd PRIVATE
  RESOURCE_TIDY_CLANG_RESOURCE_DIR="${RESOURCE_TIDY_CLANG_RESOURCE_DIR}"
  RESOURCE_TIDY_VERSION="${RESOURCE_TIDY_VERSION}")
# The checks' objects (all linked, so the module registers itself) and
# their compile settings; code actions (tweaks) register themselves from
# static initializers nothing references: keep the whole archive, as
# clangd's own build does.
target_link_libraries(resource-clangd PRIVATE ResourceTidyChecks
  clangdMain "$<LINK_LIBRARY:WHOLE_ARCHIVE,clangDaemonTweaks>")
# clangd runs only the clang-tidy checks its table measured as fast, unless
# .clangd says `FastCheckFilter: Loose`. Ours are fast (1-6% of the AST
# build, bench/RESULTS.md), but not in that table: the callers of
# clangd::isFastTidyCheck (ParsedAST, ConfigCompile) are linked against
# ResourceClangdMain.cpp's wrapper, which answers for the resource checks.
target_link_options(resource-clangd PRIVATE
  "LINKER:--wrap=_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE")
message(STATUS "resource-tidy: building resource-clangd (clangd ${LLVM_PACKAGE_VERSION} with the resource checks)")
