//===--- HandleTransfer.cpp - resource-tidy -------------------------------===//

#include "HandleTransfer.h"
#include "HandleExprs.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprObjC.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::resource {

void HandleTransfer::setSources(const Expr *E, FlowState &State,
                                HandleStateSet Bits, const Expr *Site) const {
  llvm::SmallVector<const VarDecl *, 2> Sources;
  collectValueSources(E, Sources);
  for (const VarDecl *Var : Sources) {
    int Index = Tracked.indexOf(Var);
    if (Index < 0)
      continue;
    VariableState &VS = State[Index];
    if (Bits == Released) {
      // Closing a value known to be invalid releases nothing: keep those
      // states so `if (fd < 0) close(fd);` does not count as a release.
      HandleStateSet KeptInvalid = VS.Bits & (Invalid | Failed);
      VS.Bits = KeptInvalid | ((VS.Bits & ~KeptInvalid) ? Released : 0);
      if (VS.Bits & Released)
        VS.ReleasedAt = Site;
      continue;
    }
    VS.Bits = Bits;
  }
}

void HandleTransfer::escapeSources(const Expr *E, FlowState &State,
                                   const VarDecl *Keep) const {
  llvm::SmallVector<const VarDecl *, 2> Sources;
  collectValueSources(E, Sources);
  for (const VarDecl *Var : Sources) {
    int Index = Tracked.indexOf(Var);
    if (Index >= 0 && Var != Keep)
      State[Index].Bits = Escaped;
  }
}

VariableState
HandleTransfer::stateOfAssignedValue(const Expr *Value,
                                     const VariableState &Current) const {
  VariableState Result;
  const Expr *Stripped = stripValueWrappers(Value);
  if (!Stripped) {
    Result.Bits = Unknown;
    return Result;
  }
  if (const CallExpr *Call = asAcquisition(Stripped, Catalog)) {
    Result.Bits = OpenUnchecked;
    Result.AcquiredAt = Call;
    return Result;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Stripped)) {
    // `fd = ok ? socket(...) : -1` may hold either arm.
    Result = stateOfAssignedValue(Cond->getTrueExpr(), Current);
    Result.join(stateOfAssignedValue(Cond->getFalseExpr(), Current));
    return Result;
  }
  // Test the unstripped value: stripping `(FILE *)0`'s cast leaves an int 0,
  // which is a valid descriptor, not a null pointer.
  if (isInvalidHandleConstant(Value, Ctx) ||
      isInvalidHandleConstant(Stripped, Ctx)) {
    Result.Bits = Invalid;
    return Result;
  }
  Result.Bits = Unknown;
  return Result;
}

void HandleTransfer::applyAssignment(const BinaryOperator *BO,
                                     FlowState &State,
                                     AssignmentObserver Observer) const {
  const VarDecl *Target = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
    Target = dyn_cast<VarDecl>(Ref->getDecl());
  int Index = Target ? Tracked.indexOf(Target) : -1;

  // Whatever the right side yields is now also stored elsewhere.
  escapeSources(BO->getRHS(), State, Target);
  if (Index < 0)
    return;
  if (Observer)
    Observer(BO, Index, State[Index]);
  State[Index] = stateOfAssignedValue(BO->getRHS(), State[Index]);
}

void HandleTransfer::applyDeclaration(const DeclStmt *DS,
                                      FlowState &State) const {
  for (const Decl *D : DS->decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      continue;
    const Expr *Init = Var->getInit();
    // A copy made inside a system macro (glibc's FD_SET under
    // _FORTIFY_SOURCE copies the descriptor into a local) only reads it.
    const bool InSystemMacro =
        Ctx.getSourceManager().isInSystemMacro(DS->getBeginLoc());
    if (Init && !InSystemMacro)
      escapeSources(Init, State, Var);
    int Index = Tracked.indexOf(Var);
    if (Index < 0)
      continue;
    if (!Init) {
      State[Index] = VariableState{Uninitialized, nullptr, nullptr};
      continue;
    }
    State[Index] = stateOfAssignedValue(Init, VariableState{});
  }
}

void HandleTransfer::applyCall(const CallExpr *Call, FlowState &State) const {
  // std::move(fd) forwards fd to whoever consumes the call's value.
  if (forwardedArgument(Call))
    return;
  if (takesAddressOf(Call)) {
    for (const Expr *Arg : Call->arguments())
      escapeSources(Arg, State);
    return;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionRole *Role = Catalog.roleOf(Callee);
  // Compiler builtins (__builtin_expect, ...) only compute with values.
  const bool IsBuiltin = Callee && Callee->getBuiltinID() != 0;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  // The implicit object of an operator call is not a handle argument.
  unsigned FirstArg = 0;
  if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee) &&
      !Args.empty()) {
    escapeSources(Args[0], State);
    FirstArg = 1;
  }
  for (unsigned I = FirstArg; I < Args.size(); ++I) {
    if (IsBuiltin)
      continue;
    if (!Role) {
      escapeSources(Args[I], State);
      continue;
    }
    switch (Role->roleOfArgument(I - FirstArg)) {
    case ArgumentRole::Use:
      break;
    case ArgumentRole::Release:
      setSources(Args[I], State, Released, Call);
      break;
    case ArgumentRole::Sink:
      escapeSources(Args[I], State);
      break;
    }
  }
}

void HandleTransfer::apply(const Stmt *S, FlowState &State,
                           AssignmentObserver Observer) const {
  if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
    return;

  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign) {
      applyAssignment(BO, State, Observer);
      return;
    }
    // `fd += 1` leaves a value we do not model.
    if (BO->isCompoundAssignmentOp())
      setSources(BO->getLHS(), State, Unknown, nullptr);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->getOpcode() == UO_AddrOf)
      escapeSources(UO->getSubExpr(), State);
    else if (UO->isIncrementDecrementOp())
      setSources(UO->getSubExpr(), State, Unknown, nullptr);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    applyDeclaration(DS, State);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    applyCall(Call, State);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    escapeSources(Ret->getRetValue(), State);
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // Captured by copy or by reference, the closure may close or keep it.
    for (const LambdaCapture &Capture : Lambda->captures()) {
      if (!Capture.capturesVariable())
        continue;
      if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
        if (int Index = Tracked.indexOf(Var); Index >= 0)
          State[Index].Bits = Escaped;
    }
    for (const Expr *Init : Lambda->capture_inits())
      escapeSources(Init, State);
    return;
  }
  if (const auto *Block = dyn_cast<BlockExpr>(S)) {
    for (const BlockDecl::Capture &Capture : Block->getBlockDecl()->captures())
      if (int Index = Tracked.indexOf(Capture.getVariable()); Index >= 0)
        State[Index].Bits = Escaped;
    return;
  }
  // Anything that builds an object or aggregate from the value stores it.
  if (isa<CXXConstructExpr, InitListExpr, CXXNewExpr, ParenListExpr,
          CXXParenListInitExpr, CompoundLiteralExpr, CXXThrowExpr,
          CoreturnStmt, ObjCMessageExpr, StmtExpr, GCCAsmStmt, MSAsmStmt>(S)) {
    for (const Stmt *Child : S->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        escapeSources(ChildExpr, State);
    return;
  }
}

} // namespace clang::tidy::resource
