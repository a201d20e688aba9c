//===--- FlagTests.cpp - resource-tidy ------------------------------------===//

#include "engine/FlagTests.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

namespace clang::tidy::resource {

/// True for `0`, `false`.
static bool isZeroLiteral(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Int = dyn_cast<IntegerLiteral>(E))
    return Int->getValue() == 0;
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E))
    return !Bool->getValue();
  return false;
}

std::optional<FlagTest> flagTested(const Expr *Condition,
                                   const StorageKey &Handle,
                                   const TrackedStorage &Tracked,
                                   const ASTContext &Ctx) {
  if (!Condition)
    return std::nullopt;
  // The flag is zero when the condition is false, through `!`s.
  bool ZeroWhen = false;
  const Expr *E = Condition->IgnoreParenImpCasts();
  while (true) {
    if (const auto *Not = dyn_cast<UnaryOperator>(E);
        Not && Not->getOpcode() == UO_LNot) {
      ZeroWhen = !ZeroWhen;
      E = Not->getSubExpr()->IgnoreParenImpCasts();
      continue;
    }
    // `once == 0`, `0 != open_`.
    if (const auto *Compare = dyn_cast<BinaryOperator>(E);
        Compare &&
        (Compare->getOpcode() == BO_EQ || Compare->getOpcode() == BO_NE)) {
      const Expr *Side = nullptr;
      if (isZeroLiteral(Compare->getRHS()))
        Side = Compare->getLHS();
      else if (isZeroLiteral(Compare->getLHS()))
        Side = Compare->getRHS();
      if (!Side)
        return std::nullopt;
      if (Compare->getOpcode() == BO_EQ)
        ZeroWhen = !ZeroWhen;
      E = Side->IgnoreParenImpCasts();
      continue;
    }
    break;
  }
  std::optional<StorageKey> Flag = storageOf(E, Ctx);
  if (!Flag || *Flag == Handle || Flag->Held ||
      !(E->getType()->isBooleanType() || E->getType()->isIntegerType()) ||
      Tracked.indexOf(*Flag) >= 0)
    return std::nullopt;
  return FlagTest{*Flag, ZeroWhen};
}

bool setsFlagTo(const Stmt *S, const StorageKey &Flag, const ASTContext &Ctx,
                llvm::function_ref<bool(const llvm::APSInt &)> Accept) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->getOpcode() == BO_Assign) {
    const Expr *Value = Assign->getRHS()->IgnoreParenCasts();
    Expr::EvalResult Result;
    // `open_ = true;`, `once = 1;`, `sock->stat = SOCK_CONN;`.
    if ((isa<IntegerLiteral, CXXBoolLiteralExpr>(Value) ||
         (isa<DeclRefExpr>(Value) &&
          isa<EnumConstantDecl>(cast<DeclRefExpr>(Value)->getDecl()))) &&
        !Value->isValueDependent() && Value->EvaluateAsInt(Result, Ctx) &&
        Accept(Result.Val.getInt()))
      if (std::optional<StorageKey> Target = storageOf(Assign->getLHS(), Ctx);
          Target && *Target == Flag)
        return true;
  }
  for (const Stmt *Child : S->children())
    if (setsFlagTo(Child, Flag, Ctx, Accept))
      return true;
  return false;
}

bool setsFlagToConstant(const Stmt *Body, const StorageKey &Flag,
                        const ASTContext &Ctx, bool NonzeroOnly) {
  return setsFlagTo(Body, Flag, Ctx, [&](const llvm::APSInt &Value) {
    return !NonzeroOnly || !Value.isZero();
  });
}

std::optional<StateCase> stateCaseOf(const Stmt *Site, const Stmt *Body,
                                     const TrackedStorage &Tracked,
                                     const ASTContext &Ctx) {
  ParentMap Parents(const_cast<Stmt *>(Body));
  // The innermost `switch` around the site, and the statement of its body
  // the site is in.
  const Stmt *Child = Site;
  const SwitchStmt *Switch = nullptr;
  for (const Stmt *Parent = Parents.getParent(Site); Parent;
       Child = Parent, Parent = Parents.getParent(Parent))
    if ((Switch = dyn_cast<SwitchStmt>(Parent)))
      break;
  const auto *Cases =
      Switch ? dyn_cast_or_null<CompoundStmt>(Switch->getBody()) : nullptr;
  if (!Cases || Child != Cases)
    return std::nullopt;
  // Child is the switch's body: find its statement holding the site.
  const Stmt *Holder = Site;
  while (Holder && Parents.getParent(Holder) != Cases)
    Holder = Parents.getParent(Holder);
  if (!Holder)
    return std::nullopt;
  // The label the site is under, entered only by its own value: the
  // first label, or one after a jump (no fall-through into it).
  const Stmt *Previous = nullptr;
  const CaseStmt *Label = nullptr;
  for (const Stmt *Each : Cases->body()) {
    if (const auto *Case = dyn_cast<CaseStmt>(Each)) {
      bool Jumped =
          !Previous ||
          isa<BreakStmt, ReturnStmt, GotoStmt, ContinueStmt>(Previous);
      Label = Jumped && !isa<SwitchCase>(Case->getSubStmt()) &&
                      !Case->caseStmtIsGNURange()
                  ? Case
                  : nullptr;
    } else if (isa<DefaultStmt>(Each)) {
      Label = nullptr;
    }
    if (Each == Holder)
      break;
    Previous = Each;
  }
  Expr::EvalResult Value;
  if (!Label || Label->getLHS()->isValueDependent() ||
      !Label->getLHS()->EvaluateAsInt(Value, Ctx))
    return std::nullopt;
  const Expr *Tested = Switch->getCond()->IgnoreParenImpCasts();
  std::optional<StorageKey> Flag = storageOf(Tested, Ctx);
  if (!Flag || Flag->Held ||
      !Tested->getType()->isIntegralOrEnumerationType() ||
      Tracked.indexOf(*Flag) >= 0)
    return std::nullopt;
  return StateCase{*Flag, Value.Val.getInt()};
}

} // namespace clang::tidy::resource
