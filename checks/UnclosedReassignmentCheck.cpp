//===--- UnclosedReassignmentCheck.cpp - resource-tidy --------------------===//

#include "UnclosedReassignmentCheck.h"
#include "ReleaseFixIt.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::resource {

namespace {
constexpr unsigned DefaultMaxAnalysisCost = 2'000'000;
} // namespace

UnclosedReassignmentCheck::UnclosedReassignmentCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Catalog(HandleCatalog::builtin()) {
  Limits.MaxStatementsTimesVariables =
      Options.get("MaxAnalysisCost", DefaultMaxAnalysisCost);
}

void UnclosedReassignmentCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxAnalysisCost", Limits.MaxStatementsTimesVariables);
}

void UnclosedReassignmentCheck::registerMatchers(MatchFinder *Finder) {
  // Only functions that acquire something can overwrite an open handle.
  // Matching downwards from the function (rather than upwards from the call)
  // needs no parent map, which is costly on large translation units.
  std::vector<std::string> Names = Catalog.acquireFunctionNames();
  std::vector<StringRef> NameRefs(Names.begin(), Names.end());
  Finder->addMatcher(
      functionDecl(isDefinition(),
                   hasBody(hasDescendant(
                       callExpr(callee(functionDecl(hasAnyName(NameRefs)))))))
          .bind("function"),
      this);
}

void UnclosedReassignmentCheck::onStartOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
}

void UnclosedReassignmentCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || !Analysed.insert(Function).second)
    return;
  // Dependent code is analysed through its instantiations instead.
  if (Function->isDependentContext() || Function->isInvalidDecl())
    return;
  const SourceManager &SM = *Result.SourceManager;
  if (SM.isInSystemHeader(Function->getLocation()))
    return;
  const Stmt *Body = Function->getBody();
  if (!Body)
    return;

  HandleFlowAnalysis Analysis(Catalog, *Result.Context, Limits);
  llvm::SmallVector<LeakFinding, 4> Findings =
      Analysis.analyze(Function, Body);
  if (Findings.empty())
    return;
  ParentMap Parents(const_cast<Stmt *>(Body));
  for (const LeakFinding &Finding : Findings)
    report(Finding, *Function, Parents, *Result.Context);
}

void UnclosedReassignmentCheck::report(const LeakFinding &Finding,
                                       const FunctionDecl &Function,
                                       const ParentMap &Parents,
                                       ASTContext &Ctx) {
  // Point at the `=` of an assignment, at the out-argument of a call.
  SourceLocation Loc =
      isa<BinaryOperator>(Finding.What.Site)
          ? cast<BinaryOperator>(Finding.What.Site)->getOperatorLoc()
          : Finding.What.Site->getBeginLoc();
  if (!Reported.insert(Loc).second)
    return;
  const std::string Handle = Finding.Storage.spelling();

  const FunctionRole *Role = nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Finding.AcquiredAt))
    Role = Catalog.roleOf(Call->getDirectCallee());
  const HandleFamily *Family = Role ? Role->Acquires : nullptr;
  StringRef Noun = Role ? StringRef(Role->AcquiredNoun) : StringRef("handle");
  StringRef LeakNoun = Family ? StringRef(Family->LeakNoun) : "handle";

  {
    auto Diag =
        Finding.isDefinite()
            ? diag(Loc, "'%0' is overwritten while it still holds an open "
                        "%1; the previous %2 leaks")
            : diag(Loc, "'%0' is overwritten while it may still hold an open "
                        "%1; the previous %2 leaks on some paths");
    Diag << Handle << Noun << LeakNoun;
    // A fix is certain only if no path already released or gave away the
    // handle and the variable's value is defined on every path.
    if (Family && (Finding.Bits & ~FixableStates) == 0) {
      // Guard when some path is known to hold the invalid value, or when an
      // unchecked acquisition may have failed and the release cannot take
      // the invalid value (fclose(NULL) crashes, close(-1) is harmless).
      bool NeedsGuard =
          (Finding.Bits & KnownInvalidStates) ||
          ((Finding.Bits & OpenUnchecked) && !Family->ReleaseAcceptsInvalid);
      for (const FixItHint &Hint :
           buildReleaseFix(*Finding.What.Root, Loc, Handle, *Family,
                           NeedsGuard, Function, Parents, Ctx))
        Diag << Hint;
    }
  }

  if (Finding.AcquiredAt)
    diag(Finding.AcquiredAt->getBeginLoc(),
         Finding.AcquiredInEarlierIteration
             ? "'%0' was opened here in a previous loop iteration"
             : "'%0' was opened here",
         DiagnosticIDs::Note)
        << Handle;
  if (Finding.ReleasedAt)
    diag(Finding.ReleasedAt->getBeginLoc(),
         "'%0' is closed here on some paths, but not on all",
         DiagnosticIDs::Note)
        << Handle;
  if (Finding.SkippingCondition)
    diag(Finding.SkippingCondition->getBeginLoc(),
         "'%0' stays open when this condition is %select{false|true}1",
         DiagnosticIDs::Note)
        << Handle << Finding.SkipsWhenTrue;
}

} // namespace clang::tidy::resource
