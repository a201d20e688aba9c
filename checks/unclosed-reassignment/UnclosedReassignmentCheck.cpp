//===--- UnclosedReassignmentCheck.cpp - resource-tidy --------------------===//

#include "unclosed-reassignment/UnclosedReassignmentCheck.h"
#include "common/ReleaseFixIt.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::resource {

void UnclosedReassignmentCheck::checkFunction(const FunctionAnalysis &Analysis,
                                              ASTContext &Ctx) {
  ReassignmentRule Rule(Analysis);
  llvm::SmallVector<LeakFinding, 4> Findings = Rule.run();
  const FunctionDecl &Function = Analysis.function();
  if (Findings.empty() && Rule.handOverLosses().empty())
    return;
  ParentMap Parents(const_cast<Stmt *>(&Analysis.body()));
  for (const HandOverLoss &Loss : Rule.handOverLosses())
    reportHandOver(Loss, Function, Parents, Ctx);
  // Findings of one site (pipe(fds) overwrites two handles) are adjacent.
  llvm::ArrayRef<LeakFinding> Rest(Findings);
  while (!Rest.empty()) {
    size_t Count = 1;
    while (Count < Rest.size() && Rest[Count].What.Site == Rest[0].What.Site)
      ++Count;
    reportSite(Rest.take_front(Count), Function, Parents, Ctx);
    Rest = Rest.drop_front(Count);
  }
}

/// What the handle opened at \p AcquiredAt is called, open and leaked
/// ("FILE stream", "stream"); "handle" when its family is not known.
std::pair<StringRef, StringRef>
UnclosedReassignmentCheck::nounsOf(const Expr *AcquiredAt) const {
  const FunctionRole *Role = catalog().acquisitionRole(AcquiredAt);
  if (!Role)
    return {"handle", "handle"};
  return {Role->AcquiredNoun, Role->Acquires->LeakNoun};
}

/// True when \p Method overrides \p Virtual (a virtual call of \p Virtual
/// known to run \p Method).
static bool isOverrideOf(const FunctionDecl *Method,
                         const FunctionDecl *Virtual) {
  const auto *Override = dyn_cast<CXXMethodDecl>(Method);
  const auto *Base = dyn_cast_or_null<CXXMethodDecl>(Virtual);
  return Override && Base && Base->isVirtual() &&
         Override->getParent()->isDerivedFrom(Base->getParent()) &&
         Base->getCorrespondingMethodInClass(Override->getParent()) == Override;
}

void UnclosedReassignmentCheck::reportHandOver(const HandOverLoss &Loss,
                                               const FunctionDecl &Caller,
                                               const ParentMap &Parents,
                                               const ASTContext &Ctx) {
  if (Loss.ExternalOverwrite && !Loss.CalleeOverwrite) {
    reportExternalHandOver(Loss, Parents, Ctx);
    return;
  }
  // The callee's parameter, as the callee's assignment names it.
  const auto *Assign = dyn_cast<BinaryOperator>(Loss.CalleeOverwrite);
  const auto *Param =
      Assign ? dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts())
             : nullptr;
  // The function the assignment is in (the call may go through a pointer).
  const auto *Callee =
      Param ? dyn_cast<FunctionDecl>(Param->getDecl()->getDeclContext())
            : nullptr;
  if (!Param || !Callee)
    return;
  SourceLocation Loc = Assign->getOperatorLoc();
  const std::string Handle = Loss.Storage.spelling();
  // Each caller that loses a handle there is reported once.
  if (!Reported.insert({Loss.Call->getBeginLoc(), Handle}).second)
    return;
  auto [Noun, LeakNoun] = nounsOf(Loss.AcquiredAt);
  diag(Loc, "'%0' is overwritten while it %select{still holds|may still "
            "hold}1 the open %2 that %3 passed in; the %4 leaks%select{| on "
            "some paths}1")
      << Param->getDecl()->getName() << !Loss.isDefinite() << Noun
      << Caller.getDeclName() << LeakNoun;
  // The function called here, when it passes the handle on to the one that
  // overwrites it (`sink(data)` calling `sink2(data)`).
  const FunctionDecl *Called = Loss.Call->getDirectCallee();
  bool PassedOn = Called &&
                  Called->getCanonicalDecl() != Callee->getCanonicalDecl() &&
                  !isOverrideOf(Callee, Called);
  // A file-local global the callee alone reads out (`FILE *data =
  // g_pending;`): the handle reached it through the global.
  if (Loss.Storage.Var && Loss.Storage.Var->hasGlobalStorage())
    diag(Loss.Call->getBeginLoc(),
         "%0, called here, reads '%1' into '%2' and overwrites it without "
         "closing it; nothing reads '%1' after the call",
         DiagnosticIDs::Note)
        << Callee->getDeclName() << Handle << Param->getDecl()->getName();
  else
    diag(Loss.Call->getBeginLoc(),
         "'%0' is passed to %1 here, which %select{|passes it on to %2, "
         "which }3overwrites it without closing it; '%0' is not used after "
         "the call",
         DiagnosticIDs::Note)
        << Handle << (PassedOn ? Called->getDeclName() : Callee->getDeclName())
        << Callee->getDeclName() << PassedOn;
  if (Loss.AcquiredAt)
    noteOpened(Handle, *Loss.AcquiredAt, /*InEarlierIteration=*/false, Parents,
               Ctx);
}

void UnclosedReassignmentCheck::reportExternalHandOver(const HandOverLoss &Loss,
                                                       const ParentMap &Parents,
                                                       const ASTContext &Ctx) {
  // The assignment is in a file this TU does not see: the finding is the
  // call that hands the handle to it.
  const ExternalSite &Site = *Loss.ExternalOverwrite;
  const std::string Handle = Loss.Storage.spelling();
  if (!Reported.insert({Loss.Call->getBeginLoc(), Handle}).second)
    return;
  auto [Noun, LeakNoun] = nounsOf(Loss.AcquiredAt);
  const FunctionDecl *Called = Loss.Call->getDirectCallee();
  std::string CalledName =
      Called ? Called->getQualifiedNameAsString() : Site.Function;
  std::string Where =
      (llvm::sys::path::filename(Site.File) + ":" + llvm::Twine(Site.Line))
          .str();
  // A virtual call the index resolved to an override (`b->send(f)` with
  // `Base *b = new Derived`) names the override.
  const auto *Virtual = dyn_cast_or_null<CXXMethodDecl>(Called);
  if (Virtual && Virtual->isVirtual() &&
      llvm::StringRef(Site.Function)
          .ends_with("::" + Virtual->getNameAsString()))
    CalledName = Site.Function;
  bool PassedOn = CalledName != Site.Function;
  diag(Loss.Call->getBeginLoc(),
       "'%0' %select{holds|may hold}1 an open %2 when it is passed to '%3', "
       "which %select{|passes it on to '%5', which }4overwrites it without "
       "closing it (%6); '%0' is not used after the call, so the %7 "
       "leaks%select{| on some paths}1")
      << Handle << !Loss.isDefinite() << Noun << CalledName << PassedOn
      << Site.Function << Where << LeakNoun;
  if (Loss.AcquiredAt)
    noteOpened(Handle, *Loss.AcquiredAt, /*InEarlierIteration=*/false, Parents,
               Ctx);
}

const FunctionRole *
UnclosedReassignmentCheck::acquisitionRole(const LeakFinding &Finding) {
  if (const FunctionRole *Role = catalog().acquisitionRole(Finding.AcquiredAt))
    return Role;
  // Storage from an earlier call: what the rest of the TU stores there.
  if (const HandleHolders *Holders = session().holdersIfBuilt())
    if (const ValueDecl *Identity = Finding.Storage.identity())
      return Holders->roleOf(Identity);
  return nullptr;
}

const HandleFamily *
UnclosedReassignmentCheck::familyOf(const LeakFinding &Finding) {
  if (Finding.Storage.Held)
    return Finding.Storage.Held->Family;
  if (const FunctionRole *Role = acquisitionRole(Finding))
    return Role->Acquires;
  if (Finding.SinkFamily)
    return Finding.SinkFamily;
  if (const HandleHolders *Holders = session().holdersIfBuilt())
    if (const ValueDecl *Identity = Finding.Storage.identity())
      return Holders->releasedFamilyOf(Identity);
  return nullptr;
}

/// The name of the local closure \p Site calls (`reconnect()` for `auto
/// reconnect = [&fd] {...}`), or an empty string.
static std::string closureCalled(const Expr *Site) {
  const auto *Call = dyn_cast_or_null<CXXOperatorCallExpr>(Site);
  const auto *Method =
      Call ? dyn_cast_or_null<CXXMethodDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Method || !Method->getParent()->isLambda())
    return std::string();
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreImpCasts());
  return Ref ? Ref->getDecl()->getNameAsString() : std::string();
}

static std::optional<ReleaseAction> fixFor(const LeakFinding &Finding,
                                           const HandleFamily *Family,
                                           const ASTContext &Ctx) {
  return releaseActionFor(Finding.Storage, Finding.Bits, Family, Ctx);
}

void UnclosedReassignmentCheck::reportSite(llvm::ArrayRef<LeakFinding> Findings,
                                           const FunctionDecl &Function,
                                           const ParentMap &Parents,
                                           ASTContext &Ctx) {
  const LeakFinding &First = Findings.front();
  // Point at the `=` of an assignment (or operator=), at the out-argument
  // of a call, at `reset` of `sp.reset()`, at a lambda's call.
  SourceLocation Loc = First.What.Site->getBeginLoc();
  if (const auto *BO = dyn_cast<BinaryOperator>(First.What.Site))
    Loc = BO->getOperatorLoc();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(First.What.Site);
           Op && Op->getOperator() != OO_Call)
    Loc = Op->getOperatorLoc();
  else if (isa<CXXMemberCallExpr>(First.What.Site))
    Loc = First.What.Site->getExprLoc();

  // Handles opened in this call get a fix on the warning; handles that may
  // come from an earlier call get it on a note: the storage could hold a
  // stale value the rest of the program never reset, which only a person
  // can rule out (--fix-notes and editor quick-fixes apply it).
  llvm::SmallVector<ReleaseAction, 2> Releases, InheritedReleases;
  for (const LeakFinding &Finding : Findings)
    // `fd = dup(fd)` needs the old handle: closing it first breaks the
    // call, so only a person can restructure it.
    if (First.What.NewValue &&
        readsStorage(First.What.NewValue, Finding.Storage, Ctx))
      continue;
    else if (std::optional<ReleaseAction> Action =
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
  llvm::SmallVector<FixItHint, 2> Fix = buildReleaseFix(
      *First.What.Root, Loc, Releases, Function, Parents, Ctx, OnUnfitRelease);
  llvm::SmallVector<FixItHint, 2> NoteFix =
      buildReleaseFix(*First.What.Root, Loc, InheritedReleases, Function,
                      Parents, Ctx, OnUnfitRelease);

  // `reconnect()` for a local lambda that stores into what it captures;
  // `bufferevent_setfd` for the handle a library object holds.
  std::string Closure = closureCalled(First.What.Site);
  if (const auto *Call = dyn_cast<CallExpr>(First.What.Site);
      Call && First.Storage.Held && Call->getDirectCallee())
    Closure = Call->getDirectCallee()->getName().str();
  for (const LeakFinding &Finding : Findings) {
    const std::string Handle = Finding.Storage.spelling();
    if (!Reported.insert({Loc, Handle}).second)
      continue;
    const FunctionRole *Role = acquisitionRole(Finding);
    const HandleFamily *Family = familyOf(Finding);
    StringRef Noun = Role     ? StringRef(Role->AcquiredNoun)
                     : Family ? StringRef(Family->LeakNoun)
                              : StringRef("handle");
    StringRef LeakNoun = Family ? StringRef(Family->LeakNoun) : "handle";
    const bool FromCaller = Finding.Storage.Var && !Finding.Storage.Field &&
                            isa<ParmVarDecl>(Finding.Storage.Var);
    {
      auto Diag =
          isContainerClear(First.What.Site)
              ? diag(Loc, "'%0' is cleared while it %select{still holds|may "
                          "still hold}6 an open %1; the %3 leaks%select{| on "
                          "some paths}6")
          : Finding.isInheritedOnly()
              ? diag(Loc, "'%0' may still hold an open %1 %select{from a "
                          "previous call|from the caller}2; it is "
                          "overwritten%select{| by the call to '%5'}4 "
                          "without being closed")
          : Finding.isDefinite()
              ? diag(Loc, "'%0' is overwritten%select{| by the call to "
                          "'%5'}4 while it still holds an open %1; the "
                          "previous %3 leaks")
              : diag(Loc, "'%0' is overwritten%select{| by the call to "
                          "'%5'}4 while it may still hold an open %1; the "
                          "previous %3 leaks on some paths");
      Diag << Handle << Noun << FromCaller << LeakNoun << !Closure.empty()
           << Closure << !Finding.isDefinite();
      // The fix goes on the first fixable warning of the site.
      if (!Fix.empty() && !(Finding.Bits & Inherited) &&
          fixFor(Finding, Family, Ctx)) {
        for (const FixItHint &Hint : Fix)
          Diag << Hint;
        Fix.clear();
      }
    }
    if (Finding.AcquiredAt)
      noteOpened(Handle, *Finding.AcquiredAt,
                 Finding.AcquiredInEarlierIteration, Parents, Ctx);
    notePath(Handle, Finding.ReleasedAt, Finding.Skipped);
    if (!NoteFix.empty() && (Finding.Bits & Inherited) &&
        fixFor(Finding, Family, Ctx)) {
      auto Note = diag(Loc,
                       "close the previous %0 first if '%1' can still "
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
