//===--- LeakedHandleCheck.cpp - resource-tidy ----------------------------===//

#include "leaked-handle/LeakedHandleCheck.h"
#include "common/ReleaseFixIt.h"
#include "engine/HandleExprs.h"
#include "leaked-handle/UnreleasedFieldRule.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::resource {

LeakedHandleCheck::LeakedHandleCheck(StringRef Name, ClangTidyContext *Context)
    : ResourceCheck(Name, Context) {
  session().requireScopeEnds();
  StringRef Strict = Options.get("StrictMode", "false");
  StrictMode = Strict.equals_insensitive("true") || Strict == "1";
  if (!StrictMode && !Strict.equals_insensitive("false") && Strict != "0")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.StrictMode'; expected a bool")
        << Strict << Name;
}

void LeakedHandleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ResourceCheck::storeOptions(Opts);
  Options.store(Opts, "StrictMode", StrictMode ? "true" : "false");
}

void LeakedHandleCheck::registerMatchers(ast_matchers::MatchFinder *Finder) {
  using namespace ast_matchers;
  ResourceCheck::registerMatchers(Finder);
  Finder->addMatcher(
      cxxDestructorDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("destructor"),
      this);
}

void LeakedHandleCheck::check(
    const ast_matchers::MatchFinder::MatchResult &Result) {
  if (const auto *Destructor =
          Result.Nodes.getNodeAs<CXXDestructorDecl>("destructor")) {
    if (!session().onlyIndexes() && !Destructor->isImplicit() &&
        !Destructor->isDefaulted())
      checkDestructor(*Destructor);
    return;
  }
  ResourceCheck::check(Result);
}

void LeakedHandleCheck::checkDestructor(const CXXDestructorDecl &Destructor) {
  for (const UnreleasedField &Leak :
       findUnreleasedFields(Destructor, catalog())) {
    const FunctionRole *Role = catalog().acquisitionRole(Leak.AcquiredAt);
    StringRef LeakNoun =
        Role && Role->Acquires ? StringRef(Role->Acquires->LeakNoun) : "handle";
    diag(Destructor.getLocation(),
         "'%0' is opened by a constructor of %1 and closed nowhere in the "
         "class, not even in its destructor; every %1 object leaks its %2")
        << Leak.Field->getName() << Destructor.getParent() << LeakNoun;
    diag(Leak.AcquiredAt->getBeginLoc(), "'%0' was opened here",
         DiagnosticIDs::Note)
        << Leak.Field->getName();
  }
}

void LeakedHandleCheck::checkFunction(const FunctionAnalysis &Analysis,
                                      ASTContext &Ctx) {
  llvm::SmallVector<LostHandle, 4> Lost = LeakedHandleRule(Analysis).run();
  if (Lost.empty())
    return;
  ParentMap Parents(const_cast<Stmt *>(&Analysis.body()));
  for (const LostHandle &Handle : Lost)
    // Open on some paths only: the analysis does not follow correlated
    // conditions (a flag set with the handle, a constant in another file),
    // so by default only handles open on every path are reported.
    if (StrictMode || Handle.isDefinite())
      report(Handle, Analysis.function(), Parents, Ctx);
}

/// Where the loss is reported: the `return`, the jump, or the closing
/// brace of the block whose scope ends.
static SourceLocation lossLocation(const LostHandle &Lost,
                                   const FunctionDecl &Function) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Lost.Trigger))
    return Block->getRBracLoc();
  if (Lost.Trigger)
    return Lost.Trigger->getBeginLoc();
  return Function.getBody()->getEndLoc();
}

void LeakedHandleCheck::report(const LostHandle &Lost,
                               const FunctionDecl &Function,
                               const ParentMap &Parents, ASTContext &Ctx) {
  SourceLocation Loc = lossLocation(Lost, Function);
  const std::string Handle = Lost.Storage.spelling();
  if (Loc.isInvalid() || !Reported.insert({Loc, Handle}).second)
    return;
  const FunctionRole *Role = catalog().acquisitionRole(Lost.AcquiredAt);
  const HandleFamily *Family = Role ? Role->Acquires : nullptr;
  StringRef Noun = Role ? StringRef(Role->AcquiredNoun) : "handle";
  StringRef LeakNoun = Family ? StringRef(Family->LeakNoun) : "handle";

  // A fix only where it is certain: open on every path, released right
  // before the `return` (whose value does not need it) or as the last
  // statement of its block.
  llvm::SmallVector<FixItHint, 2> Fix;
  if (Lost.isDefinite())
    if (std::optional<ReleaseAction> Action =
            releaseActionFor(Lost.Storage, Lost.Bits, Family, Ctx)) {
      if (const auto *Return = dyn_cast_or_null<ReturnStmt>(Lost.Trigger)) {
        if (!mentionsVariable(Return->getRetValue(), Lost.Storage.Var))
          Fix = buildReleaseFix(*Return, Return->getBeginLoc(), *Action,
                                Function, Parents, Ctx);
      } else if (const auto *Block =
                     dyn_cast_or_null<CompoundStmt>(Lost.Trigger)) {
        Fix = buildReleaseAtBlockEnd(*Block, *Action, Function, Ctx);
      }
    }

  {
    auto Diag = Lost.isDefinite()
                    ? diag(Loc, "'%0' goes out of scope while it still "
                                "holds an open %1; the %2 leaks")
                    : diag(Loc, "'%0' goes out of scope while it may still "
                                "hold an open %1; the %2 leaks on some "
                                "paths");
    Diag << Handle << Noun << LeakNoun;
    for (const FixItHint &Hint : Fix)
      Diag << Hint;
  }
  if (Lost.AcquiredAt)
    noteOpened(Handle, *Lost.AcquiredAt, /*InEarlierIteration=*/false, Parents,
               Ctx);
  notePath(Handle, Lost.ReleasedAt, Lost.Skipped);
}

} // namespace clang::tidy::resource
