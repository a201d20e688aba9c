//===--- UnclosedReassignmentCheck.h - resource-tidy ----------------------===//

#ifndef RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
#define RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H

#include "ClangTidyCheck.h"
#include "catalog/CatalogOptions.h"
#include "engine/CompileErrors.h"
#include "catalog/HandleFamilies.h"
#include "engine/HandleFlow.h"
#include "engine/HandleHolders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include <functional>
#include <optional>
#include <set>
#include <string>

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
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    return TK_AsIs;
  }

private:
  /// Reports the findings of one overwrite site (several for `pipe(fds)`);
  /// the first fixable one carries the fix that releases them all.
  void reportSite(llvm::ArrayRef<LeakFinding> Findings,
                  const FunctionDecl &Function, const ParentMap &Parents,
                  ASTContext &Ctx);
  /// Whether the compiler reported an error in \p Function (or a fatal one
  /// before it): the parser may have dropped some of its statements.
  bool hasCompileErrors(const FunctionDecl &Function);
  /// The role of the acquisition a finding's handle came from, if known.
  const FunctionRole *acquisitionRole(const LeakFinding &Finding) const;
  /// The family of a finding's handle: from its acquisition, or for storage
  /// from earlier calls from what the TU acquires into or releases from it.
  const HandleFamily *familyOf(const LeakFinding &Finding) const;

  CatalogOptions Config;
  HandleCatalog Catalog;
  FlowLimits Limits;
  TrackingPolicy Policy;
  /// Debugging aid: say which functions were skipped and why.
  bool ReportSkippedFunctions = false;
  /// Which fields and globals hold handles in this TU, built on first need.
  std::optional<HandleHolders> Holders;
  /// Summaries of this TU's methods, for releases through helpers.
  std::optional<MethodSummaries> Summaries;
  /// Builds Holders the first time an analysis needs it.
  std::function<const HandleHolders *()> HoldersOnDemand;
  ASTContext *CurrentContext = nullptr;
  /// The compiler's errors: functions they touch are not analysed.
  CompileErrorLog CompileErrors;
  /// Functions already analysed in this TU (the matcher fires once per
  /// acquisition call, we analyse once per function).
  llvm::SmallPtrSet<const FunctionDecl *, 32> Analysed;
  /// (location, storage) pairs already reported: template instantiations
  /// share source locations.
  std::set<std::pair<SourceLocation, std::string>> Reported;
  /// Release functions already reported as unfit for fix-its in this TU.
  llvm::StringSet<> UnfitReleases;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_UNCLOSEDREASSIGNMENTCHECK_H
