//===--- ResourceClangdMain.cpp - resource-clangd -------------------------===//
//
// clangd with the resource-tidy checks linked in: clangd cannot load
// clang-tidy plugins, so the module's objects are part of this binary and
// register themselves like clangd's built-in modules.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include <string>
#include <vector>

namespace clang::clangd {
// clangd's entry point, from libclangdMain.a (clangd/tool/ClangdMain.cpp).
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

/// Whether the user chose the resource directory on the command line.
static bool hasResourceDirFlag(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg(Argv[I]);
    if (Arg.consume_front("--") || Arg.consume_front("-"))
      if (Arg == "resource-dir" || Arg.starts_with("resource-dir="))
        return true;
  }
  return false;
}

int main(int Argc, char **Argv) {
  // clangd looks for clang's builtin headers next to its own binary, which
  // is not where this one is installed: default to the toolchain's.
  std::string ResourceDirFlag =
      std::string("--resource-dir=") + RESOURCE_TIDY_CLANG_RESOURCE_DIR;
  std::vector<char *> Args(Argv, Argv + Argc);
  if (llvm::StringRef(RESOURCE_TIDY_CLANG_RESOURCE_DIR).size() &&
      !hasResourceDirFlag(Argc, Argv) &&
      llvm::sys::fs::is_directory(RESOURCE_TIDY_CLANG_RESOURCE_DIR))
    Args.insert(Args.begin() + 1, ResourceDirFlag.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                   Args.data());
}
