//===--- ResourceCheck.h - resource-tidy ----------------------------------===//
//
// The base of every resource-* check: reads the options the family shares
// (with getLocalOrGlobal, so one CheckOptions entry serves all checks),
// joins the translation unit's AnalysisSession, and hands each analysed
// function to the check's rule. A check only adds its rule and messages.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_RESOURCECHECK_H
#define RESOURCE_TIDY_RESOURCECHECK_H

#include "ClangTidyCheck.h"
#include "engine/AnalysisSession.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::resource {

class ResourceCheck : public ClangTidyCheck {
public:
  ResourceCheck(StringRef Name, ClangTidyContext *Context);
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

protected:
  /// Runs the check's rule over one function's solved flow.
  virtual void checkFunction(const FunctionAnalysis &Analysis,
                             ASTContext &Ctx) = 0;
  /// Called once per translation unit, before any function.
  virtual void startTranslationUnit() {}

  AnalysisSession &session() { return *Session; }
  /// The notes that explain a path keeping \p Handle open: a release on
  /// another path, and the branch where the paths part.
  /// "'b' was opened here": at \p AcquiredAt, naming the storage the
  /// handle was first stored into when it is another one (`int a =
  /// socket(...); std::swap(a, b);`: "..., as 'a'").
  void noteOpened(llvm::StringRef Handle, const Expr &AcquiredAt,
                  bool InEarlierIteration, const ParentMap &Parents,
                  const ASTContext &Ctx);
  void notePath(llvm::StringRef Handle, const Expr *ReleasedAt,
                const SkippedRelease &Skipped);
  const HandleCatalog &catalog() const { return Session->catalog(); }

private:
  /// Analyses the body of a block literal, as a function of its own.
  void checkBlock(const BlockExpr &Block,
                  const ast_matchers::MatchFinder::MatchResult &Result);

  std::shared_ptr<AnalysisSession> Session;
  /// Debugging aid: say which functions were skipped and why.
  bool ReportSkippedFunctions = false;
  /// Functions already analysed in this TU.
  llvm::SmallPtrSet<const FunctionDecl *, 32> Analysed;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_RESOURCECHECK_H
