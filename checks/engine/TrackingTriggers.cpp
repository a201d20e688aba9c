//===--- TrackingTriggers.cpp - resource-tidy -----------------------------===//
//
// Each test follows a way TrackingScanner (TrackingScanner.h) may call
// consider() or record what becomes tracked after its walk, without the
// narrowing that depends on what else the walk found.
//
//===----------------------------------------------------------------------===//

#include "engine/TrackingTriggers.h"
#include "engine/HandleExprs.h"
#include "engine/TrackingScanner.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::resource {

bool TrackingTriggers::writeMayTrack(const StorageWrite &Write,
                                     const FunctionDecl *Function) const {
  auto Acquires = [&](const Expr *Value) {
    return Value && asAcquisition(Value, Catalog);
  };
  switch (Write.Kind) {
  case WriteKind::Assign: {
    if (Acquires(Write.Value))
      return true;
    std::optional<StorageKey> Target = storageOf(Write.Target, Ctx);
    if (!Target)
      return false;
    // `g_fd = -1;` may lose what a file-local global holds.
    if (Target->Var && !Target->Field && Target->Index < 0 &&
        Target->Var->hasGlobalStorage() &&
        (!Target->Var->isExternallyVisible() || Target->Var->isStaticLocal()) &&
        isInvalidHandleConstant(Write.Value, Ctx))
      return true;
    // An assignment operator's stores replace what earlier calls left.
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
    return Target->outlivesCall() && Method &&
           (Method->isCopyAssignmentOperator() ||
            Method->isMoveAssignmentOperator());
  }
  case WriteKind::Reset:
  case WriteKind::Unpack:
  case WriteKind::Insert:
    return Acquires(Write.Value);
  case WriteKind::Initialize: {
    if (Acquires(Write.Value))
      return true;
    // `struct conn c = {.fd = socket(...)}`, `int fds[2] = {open(...), -1}`.
    bool PartAcquires = false;
    forEachPartOf(*Write.Var, Ctx, [&](const StorageKey &Part) {
      PartAcquires =
          PartAcquires || Acquires(initializerOfPart(Write.Value, Part));
    });
    return PartAcquires;
  }
  case WriteKind::Exchange:
  case WriteKind::Swap:
  case WriteKind::OutParameter:
  case WriteKind::Hold:
    return true;
  }
  return true;
}

bool TrackingTriggers::callMayTrack(const CallExpr *Call) const {
  const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
  if (!Role)
    return mayFillArgument(Call);
  // A by-value parameter released here is tracked if it is overwritten.
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    if (Role->roleOfArgument(I) != ArgumentRole::Release)
      continue;
    std::optional<StorageKey> Key =
        storageOf(stripValueWrappers(Call->getArg(I)), Ctx);
    if (Key && Key->Index < 0 && !Key->Field &&
        isa_and_nonnull<ParmVarDecl>(Key->Var) &&
        !Key->Var->getType()->isReferenceType())
      return true;
  }
  return false;
}

/// `open_into(&f)`, `open_into(f)` with a `FILE *&` parameter: a function
/// with a body here (or in the index) may store a fresh handle there.
bool TrackingTriggers::mayFillArgument(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Callee->isVariadic() || isa<CXXMethodDecl>(Callee))
    return false;
  const FunctionDecl *Definition = Callee->getDefinition();
  if (Definition ? !Definition->hasBody() : !HasIndex)
    return false;
  auto FillsLocal = [&](unsigned I, const Expr *Storage) {
    std::optional<StorageKey> Key = storageOf(Storage, Ctx);
    return Key && !Key->outlivesCall() && (!MayFill || MayFill(Callee, I));
  };
  for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
       ++I)
    if (QualType Param = Callee->getParamDecl(I)->getType();
        Param->isLValueReferenceType() &&
        !Param.getNonReferenceType().isConstQualified() &&
        FillsLocal(I, Call->getArg(I)))
      return true;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (const auto *AddrOf =
            dyn_cast<UnaryOperator>(Call->getArg(I)->IgnoreParenImpCasts());
        AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
        isa<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts()) &&
        isHandleType(AddrOf->getSubExpr()->getType()) &&
        FillsLocal(I, AddrOf->getSubExpr()))
      return true;
  return false;
}

bool TrackingTriggers::lambdaMayTrack(const LambdaExpr *Lambda) {
  for (const LambdaCapture &Capture : Lambda->captures())
    if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef &&
        isa<VarDecl>(Capture.getCapturedVar()))
      return true;
  return false;
}

QuietBodies::Outer QuietBodies::enter(const FunctionDecl *Function) {
  // A function defined inside another's body (a local class's method) is
  // walked as its own, but the outer pre-pass walks it too.
  Outer Saved{Body, Triggered || Body};
  Body = Function;
  Triggered = false;
  return Saved;
}

void QuietBodies::leave(const FunctionDecl *Function, Outer Saved) {
  if (!Triggered)
    Quiet.insert(Function);
  Body = Saved.Body;
  Triggered = Saved.Triggered;
}

void QuietBodies::visit(const Stmt *S, llvm::ArrayRef<StorageWrite> Writes) {
  if (!watching())
    return;
  // The pre-pass stops at code with errors and says so.
  if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors()) {
    Triggered = true;
    return;
  }
  for (const StorageWrite &Write : Writes)
    if (Triggers.writeMayTrack(Write, Body)) {
      Triggered = true;
      return;
    }
}

void QuietBodies::visitCall(const CallExpr *Call) {
  if (watching() && Triggers.callMayTrack(Call))
    Triggered = true;
}

void QuietBodies::visitLambda(const LambdaExpr *Lambda) {
  if (watching() && TrackingTriggers::lambdaMayTrack(Lambda))
    Triggered = true;
}

} // namespace clang::tidy::resource
