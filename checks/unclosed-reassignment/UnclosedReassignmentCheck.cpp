//===--- UnclosedReassignmentCheck.cpp - resource-tidy --------------------===//

#include "unclosed-reassignment/UnclosedReassignmentCheck.h"
#include "catalog/CatalogOptions.h"
#include "report/ReleaseFixIt.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::resource {

namespace {
constexpr unsigned DefaultMaxAnalysisCost = 2'000'000;

} // namespace

UnclosedReassignmentCheck::UnclosedReassignmentCheck(StringRef Name,
                                                     ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  HoldersOnDemand = [this]() -> const HandleHolders * {
    if (Policy.Mode == PersistentStorageMode::None || !CurrentContext)
      return nullptr;
    if (!Holders)
      Holders = HandleHolders::collect(
          *CurrentContext, Catalog,
          [this](const FunctionDecl *F) { return hasCompileErrors(*F); });
    return &*Holders;
  };
  Limits.MaxStatementsTimesVariables =
      Options.get("MaxAnalysisCost", DefaultMaxAnalysisCost);
  CatalogOptions Defaults;
  Config.BuiltinFamilies =
      Options.get("BuiltinFamilies", Defaults.BuiltinFamilies);
  Config.Families = Options.get("Families", Defaults.Families);
  Config.UseFunctions = Options.get("UseFunctions", Defaults.UseFunctions);
  Config.SinkFunctions = Options.get("SinkFunctions", Defaults.SinkFunctions);
  Config.ReleaseMethods =
      Options.get("ReleaseMethods", Defaults.ReleaseMethods);
  Config.DeferredDeleteMethods =
      Options.get("DeferredDeleteMethods", Defaults.DeferredDeleteMethods);
  Config.ConnectionClasses =
      Options.get("ConnectionClasses", Defaults.ConnectionClasses);
  Config.ValueHandleClasses =
      Options.get("ValueHandleClasses", Defaults.ValueHandleClasses);
  Config.NoReturnFunctions =
      Options.get("NoReturnFunctions", Defaults.NoReturnFunctions);
  // Options.get<bool> is not exported by clang-tidy: parse it here.
  StringRef Shared = Options.get("SharedPointerConnections", "false");
  if (Shared.equals_insensitive("true") || Shared == "1")
    Config.SharedPointerConnections = true;
  else if (!Shared.equals_insensitive("false") && Shared != "0")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.SharedPointerConnections'; expected a bool")
        << Shared << Name;
  StringRef ReportSkipped = Options.get("ReportSkippedFunctions", "false");
  ReportSkippedFunctions =
      ReportSkipped.equals_insensitive("true") || ReportSkipped == "1";
  if (!ReportSkippedFunctions && !ReportSkipped.equals_insensitive("false") &&
      ReportSkipped != "0")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.ReportSkippedFunctions'; expected a bool")
        << ReportSkipped << Name;
  StringRef Persistent = Options.get("PersistentStorage", "all");
  if (Persistent == "fields")
    Policy.Mode = PersistentStorageMode::Fields;
  else if (Persistent == "none")
    Policy.Mode = PersistentStorageMode::None;
  else if (Persistent != "all")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.PersistentStorage'; expected 'all', 'fields' or "
                      "'none'")
        << Persistent << Name;
  Catalog = buildCatalog(Config, [&](StringRef Option, StringRef Entry,
                                     StringRef Reason) {
    configurationDiag("invalid entry '%0' in option '%1.%2': %3; the entry "
                      "is ignored")
        << Entry << Name << Option << Reason;
  });
}

void UnclosedReassignmentCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxAnalysisCost", Limits.MaxStatementsTimesVariables);
  Options.store(Opts, "ReportSkippedFunctions",
                ReportSkippedFunctions ? "true" : "false");
  Options.store(Opts, "PersistentStorage",
                Policy.Mode == PersistentStorageMode::All      ? "all"
                : Policy.Mode == PersistentStorageMode::Fields ? "fields"
                                                               : "none");
  Options.store(Opts, "BuiltinFamilies", Config.BuiltinFamilies);
  Options.store(Opts, "Families", Config.Families);
  Options.store(Opts, "UseFunctions", Config.UseFunctions);
  Options.store(Opts, "SinkFunctions", Config.SinkFunctions);
  Options.store(Opts, "ReleaseMethods", Config.ReleaseMethods);
  Options.store(Opts, "DeferredDeleteMethods", Config.DeferredDeleteMethods);
  Options.store(Opts, "ConnectionClasses", Config.ConnectionClasses);
  Options.store(Opts, "ValueHandleClasses", Config.ValueHandleClasses);
  Options.store(Opts, "NoReturnFunctions", Config.NoReturnFunctions);
  Options.store(Opts, "SharedPointerConnections",
                Config.SharedPointerConnections ? "true" : "false");
}

void UnclosedReassignmentCheck::registerMatchers(MatchFinder *Finder) {
  // Only functions that acquire something can overwrite an open handle.
  // Matching downwards from the function (rather than upwards from the call)
  // needs no parent map, which is costly on large translation units.
  // Every function definition outside system headers. Whether it is worth
  // a CFG is decided by the pre-pass (TrackedStorage), one tight walk of the
  // body: cheaper than a hasDescendant matcher, and the same definition of
  // an acquisition as the analysis by construction.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
}

void UnclosedReassignmentCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  // Called before parsing starts, in clang-tidy and in clangd alike.
  CompileErrors.attach(PP->getDiagnostics());
}

bool UnclosedReassignmentCheck::hasCompileErrors(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  return Body && CurrentContext &&
         CompileErrors.touches(
             SourceRange(Function.getBeginLoc(), Body->getEndLoc()),
             CurrentContext->getSourceManager());
}

void UnclosedReassignmentCheck::onEndOfTranslationUnit() {
  CompileErrors.detach();
}

void UnclosedReassignmentCheck::onStartOfTranslationUnit() {
  Analysed.clear();
  Reported.clear();
  UnfitReleases.clear();
  Summaries.reset();
  Holders.reset();
  CurrentContext = nullptr;
}

void UnclosedReassignmentCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || !Analysed.insert(Function).second)
    return;
  // Dependent code is analysed through its instantiations instead.
  if (Function->isDependentContext() || Function->isInvalidDecl())
    return;
  // Compiler-written members (an aggregate's implicit or defaulted copy
  // assignment) have no code the user could fix.
  if (Function->isImplicit() || Function->isDefaulted())
    return;
  const SourceManager &SM = *Result.SourceManager;
  if (SM.isInSystemHeader(Function->getLocation()))
    return;
  const Stmt *Body = Function->getBody();
  if (!Body)
    return;

  // Matching runs on the complete AST: the whole TU's evidence of which
  // fields and globals hold handles can be gathered once, on first need.
  ASTContext &Ctx = *Result.Context;
  CurrentContext = &Ctx;
  TrackingPolicy FunctionPolicy = Policy;
  FunctionPolicy.Holders = Holders ? &*Holders : nullptr;
  FunctionPolicy.GetHolders = HoldersOnDemand;
  if (!Summaries)
    Summaries.emplace(Catalog, Ctx, Limits, TrackingPolicy{},
                      [this](const FunctionDecl *F) {
                        return hasCompileErrors(*F);
                      });
  Summaries->setPolicy(FunctionPolicy);
  HandleFlowAnalysis Analysis(Catalog, *Result.Context, Limits,
                              FunctionPolicy, &*Summaries);
  HandleFlowAnalysis::Skipped WhySkipped = HandleFlowAnalysis::Skipped::No;
  llvm::SmallVector<LeakFinding, 4> Findings;
  // The parser may have dropped statements of a function with errors.
  if (hasCompileErrors(*Function))
    WhySkipped = HandleFlowAnalysis::Skipped::HasErrors;
  else
    Findings = Analysis.analyze(Function, Body, &WhySkipped);
  if (ReportSkippedFunctions &&
      WhySkipped != HandleFlowAnalysis::Skipped::No)
    diag(Function->getLocation(),
         "function %0 was not analysed: %select{it is larger than "
         "MaxAnalysisCost allows|its body contains errors}1")
        << Function
        << (WhySkipped == HandleFlowAnalysis::Skipped::HasErrors ? 1 : 0);
  if (Findings.empty())
    return;
  ParentMap Parents(const_cast<Stmt *>(Body));
  // Findings of one site (pipe(fds) overwrites two handles) are adjacent.
  llvm::ArrayRef<LeakFinding> Rest(Findings);
  while (!Rest.empty()) {
    size_t Count = 1;
    while (Count < Rest.size() && Rest[Count].What.Site == Rest[0].What.Site)
      ++Count;
    reportSite(Rest.take_front(Count), *Function, Parents, *Result.Context);
    Rest = Rest.drop_front(Count);
  }
}

const FunctionRole *
UnclosedReassignmentCheck::acquisitionRole(const LeakFinding &Finding) const {
  if (const FunctionRole *Role = Catalog.acquisitionRole(Finding.AcquiredAt))
    return Role;
  // Storage from an earlier call: what the rest of the TU stores there.
  if (Holders)
    if (const ValueDecl *Identity = Finding.Storage.identity())
      return Holders->roleOf(Identity);
  return nullptr;
}

const HandleFamily *
UnclosedReassignmentCheck::familyOf(const LeakFinding &Finding) const {
  if (const FunctionRole *Role = acquisitionRole(Finding))
    return Role->Acquires;
  if (Finding.SinkFamily)
    return Finding.SinkFamily;
  if (Holders)
    if (const ValueDecl *Identity = Finding.Storage.identity())
      return Holders->releasedFamilyOf(Identity);
  return nullptr;
}

/// The release a fix-it may insert for \p Finding, or nullopt when no fix
/// is certainly right: some path already released or gave away the handle,
/// or the storage may be uninitialized.
static std::optional<ReleaseAction> fixFor(const LeakFinding &Finding,
                                           const HandleFamily *Family,
                                           const ASTContext &Ctx) {
  if (!Family || (Finding.Bits & ~(FixableStates | Inherited)) != 0)
    return std::nullopt;
  // Guard when some path is known to hold the invalid value, when an
  // unchecked acquisition may have failed and the release cannot take the
  // invalid value (fclose(NULL) crashes, close(-1) is harmless), and always
  // for a value from an earlier call, which may be anything.
  bool NeedsGuard =
      (Finding.Bits & (KnownInvalidStates | Inherited)) ||
      ((Finding.Bits & OpenUnchecked) && !Family->ReleaseAcceptsInvalid);
  QualType Type = Finding.Storage.type(Ctx);
  return ReleaseAction{Finding.Storage.spelling(), Family, NeedsGuard,
                       Type->isAnyPointerType(), Type};
}

void UnclosedReassignmentCheck::reportSite(
    llvm::ArrayRef<LeakFinding> Findings, const FunctionDecl &Function,
    const ParentMap &Parents, ASTContext &Ctx) {
  const LeakFinding &First = Findings.front();
  // Point at the `=` of an assignment (or operator=), at the out-argument
  // of a call, at `reset` of `sp.reset()`.
  SourceLocation Loc = First.What.Site->getBeginLoc();
  if (const auto *BO = dyn_cast<BinaryOperator>(First.What.Site))
    Loc = BO->getOperatorLoc();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(First.What.Site))
    Loc = Op->getOperatorLoc();
  else if (isa<CXXMemberCallExpr>(First.What.Site))
    Loc = First.What.Site->getExprLoc();

  // Handles opened in this call get a fix on the warning; handles that may
  // come from an earlier call get it on a note: the storage could hold a
  // stale value the rest of the program never reset, which only a person
  // can rule out (--fix-notes and editor quick-fixes apply it).
  llvm::SmallVector<ReleaseAction, 2> Releases, InheritedReleases;
  for (const LeakFinding &Finding : Findings)
    if (std::optional<ReleaseAction> Action =
            fixFor(Finding, familyOf(Finding), Ctx))
      (Finding.Bits & Inherited ? InheritedReleases : Releases)
          .push_back(*Action);
  auto OnUnfitRelease = [&](const FunctionDecl &Release) {
    if (UnfitReleases.insert(Release.getName()).second)
      configurationDiag("release function '%0' takes %1 arguments, not the "
                        "handle alone: fix-its that would call it are left "
                        "out; check the releasers in option '%2.Families'")
          << Release.getName() << Release.getNumParams() << getID();
  };
  llvm::SmallVector<FixItHint, 2> Fix =
      buildReleaseFix(*First.What.Root, Loc, Releases, Function, Parents, Ctx,
                      OnUnfitRelease);
  llvm::SmallVector<FixItHint, 2> NoteFix =
      buildReleaseFix(*First.What.Root, Loc, InheritedReleases, Function,
                      Parents, Ctx, OnUnfitRelease);

  for (const LeakFinding &Finding : Findings) {
    const std::string Handle = Finding.Storage.spelling();
    if (!Reported.insert({Loc, Handle}).second)
      continue;
    const FunctionRole *Role = acquisitionRole(Finding);
    const HandleFamily *Family = familyOf(Finding);
    StringRef Noun = Role ? StringRef(Role->AcquiredNoun)
                     : Family ? StringRef(Family->LeakNoun)
                              : StringRef("handle");
    StringRef LeakNoun = Family ? StringRef(Family->LeakNoun) : "handle";
    const bool FromCaller = Finding.Storage.Var && !Finding.Storage.Field &&
                            isa<ParmVarDecl>(Finding.Storage.Var);
    {
      auto Diag =
          Finding.isInheritedOnly()
              ? diag(Loc, "'%0' may still hold an open %1 %select{from a "
                          "previous call|from the caller}2; it is "
                          "overwritten without being closed")
              : Finding.isDefinite()
              ? diag(Loc, "'%0' is overwritten while it still holds an open "
                          "%1; the previous %3 leaks")
              : diag(Loc, "'%0' is overwritten while it may still hold an "
                          "open %1; the previous %3 leaks on some paths");
      Diag << Handle << Noun << FromCaller << LeakNoun;
      // The fix goes on the first fixable warning of the site.
      if (!Fix.empty() && !(Finding.Bits & Inherited) &&
          fixFor(Finding, Family, Ctx)) {
        for (const FixItHint &Hint : Fix)
          Diag << Hint;
        Fix.clear();
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
    if (!NoteFix.empty() && (Finding.Bits & Inherited) &&
        fixFor(Finding, Family, Ctx)) {
      auto Note = diag(Loc, "close the previous %0 first if '%1' can still "
                            "hold one here",
                       DiagnosticIDs::Note)
                  << LeakNoun << Handle;
      for (const FixItHint &Hint : NoteFix)
        Note << Hint;
      NoteFix.clear();
    }
  }
}

} // namespace clang::tidy::resource
