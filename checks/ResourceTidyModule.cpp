//===--- ResourceTidyModule.cpp - resource-tidy ---------------------------===//
//
// Registers module `resource` with clang-tidy when the plugin is loaded with
// `clang-tidy --load ResourceTidy.so`.
//
//===----------------------------------------------------------------------===//

#include "engine/LLVMCompat.h"
#include "leaked-handle/LeakedHandleCheck.h"
#include "unclosed-reassignment/UnclosedReassignmentCheck.h"
#include "clang/Basic/Version.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>

namespace clang::tidy::resource {

class ResourceTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<LeakedHandleCheck>("resource-leaked-handle");
    Factories.registerCheck<UnclosedReassignmentCheck>(
        "resource-unclosed-reassignment");
  }
};

/// The major version of the clang-tidy that loaded us, from its version
/// string ("Debian clang version 19.1.7 (...)"); 0 if unreadable.
static unsigned hostMajorVersion() {
  std::string Version = getClangFullVersion();
  size_t At = Version.find("version ");
  if (At == std::string::npos)
    return 0;
  return static_cast<unsigned>(
      std::strtoul(Version.c_str() + At + 8, nullptr, 10));
}

/// A plugin built for another LLVM registers nothing and every check is
/// silently missing: a CI run would look clean. Refuse loudly instead.
static bool registerModule() {
  unsigned Host = hostMajorVersion();
  if (Host != 0 && Host != LLVM_VERSION_MAJOR) {
    llvm::errs() << "error: ResourceTidy.so was built for LLVM "
                 << LLVM_VERSION_MAJOR << " but is loaded into clang-tidy "
                 << Host << "; build it for this clang-tidy with "
                 << "-DRESOURCE_TIDY_LLVM_VERSION=" << Host << "\n";
    std::exit(2);
  }
  // clang-tidy finds the module through this registration.
  static ClangTidyModuleRegistry::Add<ResourceTidyModule> Registration(
      "resource-module", "Checks for leaked resource handles.");
  return true;
}

static const bool Registered = registerModule();

} // namespace clang::tidy::resource
