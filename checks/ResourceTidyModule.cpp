//===--- ResourceTidyModule.cpp - resource-tidy ---------------------------===//
//
// Registers module `resource` with clang-tidy when the plugin is loaded with
// `clang-tidy --load ResourceTidy.so`.
//
//===----------------------------------------------------------------------===//

#include "ClangTidyModule.h"
#include "UnclosedReassignmentCheck.h"

namespace clang::tidy::resource {

class ResourceTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<UnclosedReassignmentCheck>(
        "resource-unclosed-reassignment");
  }
};

// clang-tidy finds the module through this static registration.
static ClangTidyModuleRegistry::Add<ResourceTidyModule>
    Registration("resource-module", "Checks for leaked resource handles.");

} // namespace clang::tidy::resource
