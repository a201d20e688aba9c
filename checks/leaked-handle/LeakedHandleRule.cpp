//===--- LeakedHandleRule.cpp - resource-tidy -----------------------------===//

#include "leaked-handle/LeakedHandleRule.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::resource {

bool LeakedHandleRule::isLocalHandle(const StorageKey &Key) const {
  const VarDecl *Var = Key.Var;
  // Code the analysis does not see may close it through its address or
  // a by-reference capture, at any later call. (What a library object
  // holds stays with the object when a pointer to it goes away.)
  if (!Var || Key.Held || Key.outlivesCall() || isa<ParmVarDecl>(Var) ||
      Analysis.tracked().isAddressExposed(Var))
    return false;
  // Handles are descriptors and pointers; a class-typed handle's
  // destructor runs at scope end and is the class's business.
  QualType T = Key.type(Analysis.context());
  return !T.isNull() && (T->isIntegerType() || T->isAnyPointerType());
}

/// True when \p Acquisition was given a callback (`event_new(base, fd,
/// EV_READ, on_read, arg)`, `evconnlistener_new_bind(base, on_accept, ...)`):
/// the library calls it with the new object, which it may free.
static bool registersCallback(const Expr *Acquisition) {
  const auto *Call = dyn_cast_or_null<CallExpr>(Acquisition);
  if (!Call)
    return false;
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    if (T->isFunctionPointerType() || T->isFunctionType() ||
        T->isBlockPointerType())
      return true;
  }
  return false;
}

void LeakedHandleRule::lastReferenceGone(const Stmt *Trigger, ReferenceLoss,
                                         unsigned Index,
                                         const VariableState &Before) {
  if (!(Before.Bits & OpenStates) ||
      !isLocalHandle(Analysis.tracked().key(Index)) ||
      registersCallback(Before.AcquiredAt) || Analysis.hasAlias(Index))
    return;
  Lost.push_back(LostHandle(Trigger, Analysis.tracked().key(Index), Before));
  Context.push_back({Index, Analysis.replayBlock()});
}

llvm::SmallVector<LostHandle, 4> LeakedHandleRule::run() {
  // The process ends with main(): the system takes back what it holds.
  if (Analysis.function().isMain() && !Analysis.isBlockBody())
    return {};
  Analysis.replay(*this);
  // Lost in replay order; objects that managed themselves are dropped
  // whenever their method was called (the replay order is not the
  // program's).
  for (unsigned I = Lost.size(); I-- > 0;)
    if (SelfManaged.count(Context[I].first)) {
      Lost.erase(Lost.begin() + I);
      Context.erase(Context.begin() + I);
    }
  for (unsigned I = 0; I < Lost.size(); ++I)
    // Which path kept it open, when another released or handed it over.
    if (!Lost[I].isDefinite() && (Lost[I].Bits & (Released | Escaped)))
      Lost[I].Skipped =
          Analysis.explainSkippedRelease(Context[I].first, *Context[I].second);
  return Lost;
}

} // namespace clang::tidy::resource
