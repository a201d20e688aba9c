//===--- UnclosedReassignmentCheck.h - resource-tidy ----------------------===//

#ifndef RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
#define RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H

#include "ClangTidyCheck.h"
#include "HandleFamilies.h"
#include "HandleFlow.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::resource {

/// Finds assignments that overwrite a variable which may still hold an open
/// handle (socket, descriptor, FILE*, ...) on some path, losing the handle.
///
/// For the user-facing documentation see:
/// docs/checks/resource/unclosed-reassignment.rst
class UnclosedReassignmentCheck : public ClangTidyCheck {
public:
  UnclosedReassignmentCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  void report(const LeakFinding &Finding, const FunctionDecl &Function,
              const ParentMap &Parents, ASTContext &Ctx);

  HandleCatalog Catalog;
  FlowLimits Limits;
  /// Functions already analysed in this TU (the matcher fires once per
  /// acquisition call, we analyse once per function).
  llvm::SmallPtrSet<const FunctionDecl *, 32> Analysed;
  /// Assignments already reported (template instantiations share source).
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
