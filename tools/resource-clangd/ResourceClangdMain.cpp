//===--- ResourceClangdMain.cpp - resource-clangd -------------------------===//
//
// clangd with the resource-tidy checks linked in: clangd cannot load
// clang-tidy plugins, so the module's objects are part of this binary and
// register themselves like clangd's built-in modules.
//
//===----------------------------------------------------------------------===//

#include "engine/LLVMCompat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::clangd {
// clangd's entry point, from libclangdMain.a (clangd/tool/ClangdMain.cpp).
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

// clangd::isFastTidyCheck, renamed by the linker (--wrap, see
// cmake/ResourceClangd.cmake): clangd's table of measured checks, and this
// binary's answer for its own checks.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  // Measured at 1-6% of the AST build (bench/RESULTS.md): fast, so the
  // default FastCheckFilter (Strict) runs them.
  if (Check.starts_with("resource-"))
    return true;
  return realIsFastTidyCheck(Check);
}

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

/// Whether clangd was asked for its version.
static bool asksVersion(int Argc, char **Argv) {
  for (int I = 1; I < Argc; ++I)
    if (llvm::StringRef(Argv[I]) == "--version" ||
        llvm::StringRef(Argv[I]) == "-version")
      return true;
  return false;
}

/// `resource-clangd 0.1.0 with resource-leaked-handle, ...`: the checks
/// this binary carries, from the module's own registration.
static void printResourceVersion() {
  llvm::SmallVector<std::string, 4> Checks;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
    if (Entry.getName() == "resource-module") {
      clang::tidy::ClangTidyCheckFactories Factories;
      Entry.instantiate()->addCheckFactories(Factories);
      for (const auto &Factory : Factories)
        Checks.push_back(Factory.getKey().str());
    }
  llvm::sort(Checks);
  llvm::outs() << "resource-clangd " << RESOURCE_TIDY_VERSION << " with "
               << llvm::join(Checks, ", ") << "\n";
  llvm::outs().flush();
}

int main(int Argc, char **Argv) {
  // clangd prints its own version and exits; ours comes first.
  if (asksVersion(Argc, Argv))
    printResourceVersion();
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
