//===--- HeldTransfer.cpp - resource-tidy ---------------------------------===//
//
// The transfer function for handles held inside library objects (HeldSlot,
// StorageKey::Held): what setters, getters and code given the object do to
// the handle the object holds.
//
//===----------------------------------------------------------------------===//

#include "engine/HandleTransfer.h"
#include "engine/StorageWrites.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

void HandleTransfer::forgetHeldByWritten(const StorageWrite &Write,
                                         FlowState &State) const {
  if (!Tracked.tracksHeld() || Write.Kind == WriteKind::Hold)
    return;
  llvm::SmallVector<unsigned, 2> Held;
  for (const StorageKey &Key : keysWritten(Write, Ctx))
    Tracked.heldReachedBy(Key, Held);
  for (unsigned Index : Held)
    State[Index] = VariableState{Unknown};
}

void HandleTransfer::applyHold(const StorageWrite &Write,
                               FlowState &State) const {
  std::optional<StorageKey> Key =
      heldKeyOf(Write.Target, Write.Held->Slot, Ctx);
  int Index = Key ? Tracked.indexOf(*Key) : -1;
  // A handle opened in this call and named by a local goes into the object
  // as it is (`fd = socket(...); bufferevent_setfd(bev, fd);`).
  llvm::SmallVector<unsigned, 2> Sources = sourcesOf(Write.Value);
  auto IsFresh = [&](unsigned From) { return State[From].isFresh(); };
  bool FreshValue = llvm::any_of(Sources, IsFresh);
  VariableState Value = Sources.size() == 1 && IsFresh(Sources.front())
                            ? State[Sources.front()]
                            : stateOfAssignedValue(Write.Value);
  // The object owns the handle now.
  escapeSources(Write.Value, State, Key);
  if (Index < 0)
    return;
  const auto *Call = cast<Expr>(Write.Site);
  if (Write.Held->Kind == HeldAccessKind::Replace) {
    if (Listener)
      Listener->released(Call, Index, State[Index]);
    State[Index].release(Call);
  }
  noteOverwrite(Overwrite{Call, Call, Write.Value, FreshValue}, Index, State);
  State[Index] = Value;
}

void HandleTransfer::escapeHeld(const Stmt *Site, const HeldAccess &Access,
                                const Expr *Object, FlowState &State) const {
  if (std::optional<StorageKey> Key = heldKeyOf(Object, Access.Slot, Ctx))
    if (int Index = Tracked.indexOf(*Key); Index >= 0)
      escapeWithNames(Site, Index, State);
}

namespace {
/// Looks for a call that may read out, replace or close the handle a
/// library object holds: a held access, a release or taking of the
/// catalog, a call through a pointer, a method, or any function the
/// catalog does not describe (whatever it does is not summarized).
class HeldActionFinder : public RecursiveASTVisitor<HeldActionFinder> {
public:
  explicit HeldActionFinder(const HandleCatalog &Catalog) : Catalog(Catalog) {}
  bool Found = false;

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *) { return !(Found = true); }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getBuiltinID() != 0)
      return true;
    const FunctionRole *Role = Catalog.roleOf(Callee);
    bool Acts = !Callee || isa<CXXMemberCallExpr>(Call) || !Role ||
                Catalog.heldAccessOf(Callee) ||
                Role->DefaultArgRole != ArgumentRole::Use ||
                llvm::any_of(Role->ArgRoles, [](ArgumentRole Each) {
                  return Each != ArgumentRole::Use;
                });
    return !(Found = Acts);
  }

private:
  const HandleCatalog &Catalog;
};
} // namespace

/// Whether calling \p Callee may act on the handle a library object it is
/// given holds (`is_connected(c)` reading a flag does not).
static bool mayActOnHeld(const FunctionDecl *Callee,
                         const HandleCatalog &Catalog) {
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Definition || !Definition->hasBody())
    return true;
  HeldActionFinder Finder(Catalog);
  Finder.TraverseStmt(Definition->getBody());
  return Finder.Found;
}

void HandleTransfer::escapeHeldOfObject(const CXXMemberCallExpr *Call,
                                        FlowState &State) const {
  const Expr *Object = Call->getImplicitObjectArgument();
  Object = Object ? Object->IgnoreParenImpCasts() : nullptr;
  const VarDecl *Base = nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    Base = dyn_cast<VarDecl>(Ref->getDecl());
  else if (!isa_and_nonnull<CXXThisExpr>(Object))
    return;
  for (unsigned Index = 0; Index < Tracked.size(); ++Index)
    if (Tracked.key(Index).Held && Tracked.key(Index).Var == Base)
      escapeWithNames(Call, Index, State);
}

void HandleTransfer::escapeHeldPassedTo(const CallExpr *Call, const Expr *Arg,
                                        FlowState &State) const {
  llvm::SmallVector<unsigned, 2> Held;
  for (unsigned Index : sourcesOf(Arg))
    if (Tracked.key(Index).Held)
      Held.push_back(Index);
  if (!Held.empty() &&
      mayActOnHeld(Call->getDirectCallee() ? Call->getDirectCallee()
                                           : calledThroughLocal(Call),
                   Catalog))
    for (unsigned Index : Held)
      escapeWithNames(Call, Index, State);
}

} // namespace clang::tidy::resource
