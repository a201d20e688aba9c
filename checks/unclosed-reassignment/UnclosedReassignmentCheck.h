//===--- UnclosedReassignmentCheck.h - resource-tidy ----------------------===//

#ifndef RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
#define RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H

#include "common/ResourceCheck.h"
#include "unclosed-reassignment/ReassignmentRule.h"
#include "llvm/ADT/StringSet.h"
#include <set>
#include <string>
#include <utility>

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::resource {

/// Finds assignments that overwrite a variable which may still hold an open
/// handle (socket, descriptor, FILE*, ...) on some path, losing the handle.
///
/// For the user-facing documentation see:
/// docs/checks/resource/unclosed-reassignment.rst
class UnclosedReassignmentCheck : public ResourceCheck {
public:
  UnclosedReassignmentCheck(StringRef Name, ClangTidyContext *Context)
      : ResourceCheck(Name, Context) {}

protected:
  void checkFunction(const FunctionAnalysis &Analysis,
                     ASTContext &Ctx) override;
  void startTranslationUnit() override {
    Reported.clear();
    UnfitReleases.clear();
  }

private:
  /// Reports the findings of one overwrite site (several for `pipe(fds)`);
  /// the first fixable one carries the fix that releases them all.
  void reportSite(llvm::ArrayRef<LeakFinding> Findings,
                  const FunctionDecl &Function, const ParentMap &Parents,
                  ASTContext &Ctx);
  /// Reports a handle of \p Caller lost in a callee's assignment, at that
  /// assignment (no fix: other callers may pass other values).
  void reportHandOver(const HandOverLoss &Loss, const FunctionDecl &Caller,
                      const ParentMap &Parents, const ASTContext &Ctx);
  /// A hand-over to a function of another file (the summary index).
  void reportExternalHandOver(const HandOverLoss &Loss,
                              const ParentMap &Parents, const ASTContext &Ctx);
  /// The nouns of the handle opened at \p AcquiredAt: open, and leaked.
  std::pair<StringRef, StringRef> nounsOf(const Expr *AcquiredAt) const;
  /// The role of the acquisition a finding's handle came from, if known.
  const FunctionRole *acquisitionRole(const LeakFinding &Finding);
  /// The family of a finding's handle: from its acquisition, or for storage
  /// from earlier calls from what the TU acquires into or releases from it.
  const HandleFamily *familyOf(const LeakFinding &Finding);

  /// (location, storage) pairs already reported: template instantiations
  /// share source locations.
  std::set<std::pair<SourceLocation, std::string>> Reported;
  /// Release functions already reported as unfit for fix-its in this TU.
  llvm::StringSet<> UnfitReleases;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
