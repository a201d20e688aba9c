//===--- TrackingScanner.cpp - resource-tidy ------------------------------===//

#include "engine/TrackingScanner.h"

namespace clang::tidy::resource {

bool isHandleType(QualType T) {
  return !T.isNull() && (T->isIntegerType() || T->isAnyPointerType() ||
                         !wrappedHandleType(T).isNull());
}

/// For the handle a library object holds (StorageKey::Held): the object's
/// storage is this function's pointer, or one that outlives the call (the
/// caller's object, a field, a global) where such storage is tracked.
static bool isTrackableHolder(const StorageKey &Key,
                              const FunctionDecl *Function,
                              const TrackingPolicy &Policy) {
  const DeclContext *Locals =
      Policy.Block ? static_cast<const DeclContext *>(Policy.Block) : Function;
  const VarDecl *Var = Key.Var;
  if (Var && !Var->hasGlobalStorage() && owningContext(Var) != Locals)
    return false;
  if (Key.outlivesCall())
    return Policy.Mode == PersistentStorageMode::All ||
           (Policy.Mode == PersistentStorageMode::Fields && Key.Field);
  // A local pointer to the object, not a field reached through one.
  return Var && !Key.Field && !Var->getType()->isReferenceType();
}

/// True for storage this analysis may track in \p Function: call-local
/// storage of a handle type (non-static locals and parameters, elements of
/// local arrays, fields of local structs), or storage that outlives the call
/// when the policy allows it and evidence says it holds handles.
bool isTrackable(const StorageKey &Key, const FunctionDecl *Function,
                 const HandleCatalog &Catalog, const ASTContext &Ctx,
                 const TrackingPolicy &Policy) {
  if (Key.Held)
    return isTrackableHolder(Key, Function, Policy);
  QualType T = Key.type(Ctx);
  // A volatile global or field may be changed by a signal handler at any
  // time; a volatile local (kept across setjmp) holds what it is given.
  if (T.isNull() || (T.isVolatileQualified() && Key.outlivesCall()))
    return false;
  // An element must lie inside its array.
  if (Key.Index >= 0 && !Key.isPointee()) {
    const auto *Array = Ctx.getAsConstantArrayType(Key.wholeType());
    if (!Array || Key.Index >= static_cast<int64_t>(Array->getLimitedSize()))
      return false;
  }
  if (!isHandleType(T) && !Catalog.objectStorageRole(T))
    return false;
  const VarDecl *Var = Key.Var;
  // Another function's variable (a lambda's capture) is not ours, except
  // to summarize what a lambda does with what it captures by reference.
  const DeclContext *Locals =
      Policy.Block ? static_cast<const DeclContext *>(Policy.Block) : Function;
  if (Var && !Var->hasGlobalStorage() && owningContext(Var) != Locals &&
      !(Policy.TrackParameters && capturesByReference(Function, Var)))
    return false;
  if (Key.outlivesCall()) {
    if (Policy.Mode == PersistentStorageMode::None ||
        (Policy.Mode == PersistentStorageMode::Fields && !Key.Field))
      return false;
    // What a reference parameter refers to: tracked when it receives an
    // acquisition here, which is why it was considered.
    if (!Key.identity())
      return Var && (isa<ParmVarDecl>(Var) || Key.isPointee()) && !Key.Field;
    const HandleHolders *Holders = Policy.Holders;
    if (!Holders && Policy.GetHolders)
      Holders = Policy.GetHolders();
    return Holders && Holders->isHolder(Key.identity());
  }
  if (!Var || Var->getType()->isReferenceType())
    return false;
  // A field through a local pointer: where it points is not known.
  return !(Key.Field && Var->getType()->isPointerType());
}

} // namespace clang::tidy::resource
