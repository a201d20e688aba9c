//===--- FlagTests.cpp - resource-tidy ------------------------------------===//

#include "engine/FlagTests.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ExprCXX.h"

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

bool setsFlagToConstant(const Stmt *S, const StorageKey &Flag,
                        const ASTContext &Ctx, bool NonzeroOnly) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->getOpcode() == BO_Assign) {
    const Expr *Value = Assign->getRHS()->IgnoreParenCasts();
    if (isa<IntegerLiteral, CXXBoolLiteralExpr>(Value) &&
        !(NonzeroOnly && isZeroLiteral(Value)))
      if (std::optional<StorageKey> Target = storageOf(Assign->getLHS(), Ctx);
          Target && *Target == Flag)
        return true;
  }
  for (const Stmt *Child : S->children())
    if (setsFlagToConstant(Child, Flag, Ctx, NonzeroOnly))
      return true;
  return false;
}

} // namespace clang::tidy::resource
