//===--- HandleExprs.cpp - resource-tidy ----------------------------------===//

#include "HandleExprs.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::resource {

const Expr *forwardedArgument(const CallExpr *Call) {
  switch (Call->getBuiltinCallee()) {
  case Builtin::BImove:
  case Builtin::BIforward:
  case Builtin::BIforward_like:
  case Builtin::BImove_if_noexcept:
  case Builtin::BIas_const:
    return Call->getNumArgs() == 1 ? Call->getArg(0) : nullptr;
  default:
    return nullptr;
  }
}

bool takesAddressOf(const CallExpr *Call) {
  switch (Call->getBuiltinCallee()) {
  case Builtin::BIaddressof:
  case Builtin::BI__addressof:
  case Builtin::BI__builtin_addressof:
    return true;
  default:
    return false;
  }
}

bool isStdCall(const CallExpr *Call, llvm::StringRef Name, unsigned NumArgs) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Call->getNumArgs() == NumArgs &&
         Callee->getDeclContext()->getRedeclContext()->isStdNamespace();
}

const Expr *stripValueWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts();
    if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      if (const Expr *Arg = forwardedArgument(Call))
        Next = Arg;
    } else if (const auto *Full = dyn_cast<FullExpr>(Next))
      Next = Full->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(Next))
      Next = Default->getExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const Expr *asAcquisition(const Expr *E, const HandleCatalog &Catalog) {
  const Expr *Stripped = stripValueWrappers(E);
  const FunctionRole *Role = Catalog.acquisitionRole(Stripped);
  // Out-parameter acquisitions return a status, not the handle.
  return Role && Role->OutParam < 0 ? Stripped : nullptr;
}

bool isStandardStream(const Expr *E) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasGlobalStorage() || !Var->getIdentifier())
    return false;
  return llvm::is_contained({"stdin", "stdout", "stderr", "__stdinp",
                             "__stdoutp", "__stderrp"},
                            Var->getName());
}

bool isInvalidHandleConstant(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->getType().isNull() || E->isValueDependent() ||
      E->containsErrors())
    return false;
  if (E->getType()->isAnyPointerType() || E->getType()->isNullPtrType()) {
    if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                 Expr::NPC_ValueDependentIsNotNull) !=
        Expr::NPCK_NotNull)
      return true;
    // `(HANDLE)-1`: Windows' INVALID_HANDLE_VALUE.
    const Expr *Inner = E->IgnoreParenCasts();
    Expr::EvalResult Result;
    if (Inner == E || !Inner->getType()->isIntegerType() ||
        Inner->isValueDependent() || !Inner->EvaluateAsInt(Result, Ctx))
      return false;
    const llvm::APSInt &Value = Result.Val.getInt();
    return Value.isAllOnes() || (Value.isSigned() && Value == -1);
  }
  Expr::EvalResult Result;
  if (!E->getType()->isIntegerType() || !E->EvaluateAsInt(Result, Ctx))
    return false;
  return Result.Val.getInt().isSigned() && Result.Val.getInt().isNegative();
}

void collectValueSources(const Expr *E, const ASTContext &Ctx,
                         llvm::SmallVectorImpl<StorageKey> &Sources) {
  E = stripValueWrappers(E);
  if (!E)
    return;
  if (std::optional<StorageKey> Key = storageOf(E, Ctx)) {
    Sources.push_back(*Key);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    collectValueSources(Cond->getTrueExpr(), Ctx, Sources);
    collectValueSources(Cond->getFalseExpr(), Ctx, Sources);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      collectValueSources(BO->getRHS(), Ctx, Sources);
    else if (BO->isAssignmentOp())
      collectValueSources(BO->getLHS(), Ctx, Sources);
  }
}

bool mentionsVariable(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl() == Var;
  if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (mentionsVariable(Child, Var))
      return true;
  return false;
}


} // namespace clang::tidy::resource
