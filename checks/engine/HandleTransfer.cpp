//===--- HandleTransfer.cpp - resource-tidy -------------------------------===//

#include "engine/HandleTransfer.h"
#include "engine/HandleExprs.h"
#include "engine/StorageWrites.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprObjC.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::resource {

llvm::SmallVector<unsigned, 2> HandleTransfer::sourcesOf(const Expr *E) const {
  llvm::SmallVector<StorageKey, 2> Keys;
  collectValueSources(E, Ctx, Keys, &Catalog);
  llvm::SmallVector<unsigned, 2> Indexes;
  for (const StorageKey &Key : Keys)
    Tracked.indexesReachedBy(Key, Indexes);
  // An object handed somewhere takes the handle it holds along.
  if (Tracked.tracksHeld())
    for (const StorageKey &Key : Keys)
      Tracked.heldReachedBy(Key, Indexes);
  return Indexes;
}

bool HandleTransfer::reachesTrackedThroughAddress(const Expr *Arg) const {
  if (!Tracked.isSummarizedArgument(Arg))
    return false;
  const auto *AddrOf = cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
  std::optional<StorageKey> Key = storageOf(AddrOf->getSubExpr(), Ctx);
  if (!Key)
    return false;
  llvm::SmallVector<unsigned, 2> Indexes;
  Tracked.indexesReachedBy(*Key, Indexes);
  return !Indexes.empty();
}

llvm::SmallVector<unsigned, 2> aliasesOf(unsigned Index, const FlowState &State,
                                         const TrackedStorage &Tracked) {
  llvm::SmallVector<unsigned, 2> Aliases;
  const VariableState &Named = State[Index];
  // To summarize: a local holding its copy of the caller's handle, and
  // the caller's storage it was copied from, name one handle.
  if (Tracked.hasCallerCopies() && (Named.Bits & Inherited)) {
    for (unsigned Other = 0; Other < State.size(); ++Other)
      if (Other != Index && (State[Other].Bits & Inherited) &&
          (Tracked.callerCopySource(Index) == static_cast<int>(Other) ||
           Tracked.callerCopySource(Other) == static_cast<int>(Index)))
        Aliases.push_back(Other);
    return Aliases;
  }
  if (!Tracked.hasCopies() || !Named.AcquiredAt || !(Named.Bits & OpenStates))
    return Aliases;
  for (unsigned Other = 0; Other < State.size(); ++Other)
    if (Other != Index && State[Other].AcquiredAt == Named.AcquiredAt &&
        (State[Other].Bits & OpenStates))
      Aliases.push_back(Other);
  return Aliases;
}

void HandleTransfer::addAliases(llvm::SmallVectorImpl<unsigned> &Indexes,
                                const FlowState &State) const {
  for (unsigned I = 0, Direct = Indexes.size(); I < Direct; ++I)
    for (unsigned Other : aliasesOf(Indexes[I], State, Tracked))
      if (!llvm::is_contained(Indexes, Other))
        Indexes.push_back(Other);
}

void HandleTransfer::noteOverwrite(const Overwrite &What, unsigned Index,
                                   FlowState &State) const {
  if (Listener)
    Listener->overwritten(What, Index, State[Index]);
  if (!ReadLater)
    return;
  llvm::SmallVector<unsigned, 2> Aliases = aliasesOf(Index, State, Tracked);
  if (llvm::none_of(Aliases, [&](unsigned Other) {
        return ReadLater(Tracked.key(Other));
      }))
    for (unsigned Other : Aliases)
      State[Other].Bits = Escaped;
}

bool HandleTransfer::applyCopy(const Expr *Site, const StorageKey &Target,
                               const Expr *Value, FlowState &State) const {
  int Index = Tracked.indexOf(Target);
  if (Index < 0 || !Tracked.isCopyTarget(Target))
    return false;
  const Expr *Read = stripValueWrappers(Value);
  if (!Read || !isStorageRead(Read))
    return false;
  std::optional<StorageKey> Source = storageOf(Read, Ctx);
  int From = Source ? Tracked.indexOf(*Source) : -1;
  // Only a handle opened in this call is followed under two names, and,
  // to summarize, the caller's (`FILE *data = *dataPtr;`).
  bool CallerHandle = From >= 0 && Tracked.callerCopySource(Index) == From &&
                      State[From].Bits == Inherited;
  if (From < 0 || From == Index ||
      (!CallerHandle &&
       (!State[From].AcquiredAt || !(State[From].Bits & OpenStates))))
    return false;
  if (Site)
    noteOverwrite(Overwrite{cast<Expr>(Site), cast<Expr>(Site), Value}, Index,
                  State);
  State[Index] = State[From];
  return true;
}

void HandleTransfer::escapeSources(const Expr *E, FlowState &State,
                                   std::optional<StorageKey> Keep) const {
  int KeepIndex = Keep ? Tracked.indexOf(*Keep) : -1;
  llvm::SmallVector<unsigned, 2> Sources = sourcesOf(E);
  addAliases(Sources, State);
  for (unsigned Index : Sources)
    if (static_cast<int>(Index) != KeepIndex) {
      if (Listener)
        Listener->escaped(Current, Index, State[Index]);
      State[Index].Bits = Escaped;
    }
}

void HandleTransfer::escapeWithNames(const Stmt *Site, unsigned Index,
                                     FlowState &State) const {
  llvm::SmallVector<unsigned, 2> Names{Index};
  addAliases(Names, State);
  for (unsigned Name : Names) {
    if (Listener)
      Listener->escaped(Site, Name, State[Name]);
    State[Name].Bits = Escaped;
  }
}

void HandleTransfer::releaseSources(const Expr *E, FlowState &State,
                                    const Expr *Site) const {
  llvm::SmallVector<unsigned, 2> Sources = sourcesOf(E);
  addAliases(Sources, State);
  for (unsigned Index : Sources) {
    if (Listener)
      Listener->released(Site, Index, State[Index]);
    State[Index].release(Site);
  }
}

void HandleTransfer::forgetSources(const Expr *E, FlowState &State) const {
  for (unsigned Index : sourcesOf(E))
    State[Index].Bits = Unknown;
}

/// `std::nullopt`: an optional with nothing in it.
static bool isNullopt(const Expr *E) {
  const auto *Class =
      E ? E->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl() : nullptr;
  return Class && Class->getIdentifier() && Class->getName() == "nullopt_t" &&
         Class->isInStdNamespace();
}

VariableState HandleTransfer::stateOfAssignedValue(const Expr *Value) const {
  VariableState Result;
  const Expr *Stripped = stripValueWrappers(Value);
  if (!Stripped) {
    Result.Bits = Unknown;
    return Result;
  }
  // An acquisition returning the handle (not one writing an out-parameter).
  if (const FunctionRole *Role = Catalog.acquisitionRole(Stripped);
      Role && Role->OutParam < 0) {
    // A throwing `new` never yields null and make_shared never an empty
    // pointer: their results are known valid.
    const auto *New = dyn_cast<CXXNewExpr>(Stripped);
    bool KnownValid = (New && !New->shouldNullCheckAllocation()) ||
                      !Role->Acquires->ObjectAccess.empty();
    Result.Bits = KnownValid ? Open : OpenUnchecked;
    Result.AcquiredAt = Stripped;
    return Result;
  }
  // `_sock = socket_handle_invalid();` (a family's `invalid=NAME()`).
  if (Catalog.isInvalidValueCall(Stripped)) {
    Result.Bits = Invalid;
    return Result;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(Stripped)) {
    // `fd = ok ? socket(...) : -1` may hold either arm.
    Result = stateOfAssignedValue(Cond->getTrueExpr());
    Result.join(stateOfAssignedValue(Cond->getFalseExpr()));
    return Result;
  }
  // A part an aggregate initializer leaves out is zero: a null pointer, or
  // descriptor 0, which this code did not open.
  if (isa<ImplicitValueInitExpr>(Stripped)) {
    Result.Bits = Stripped->getType()->isAnyPointerType() ? Invalid : Unknown;
    return Result;
  }
  // An empty smart pointer or optional: `std::shared_ptr<T>()`, `=
  // nullptr`, `std::optional<int>()`, `= std::nullopt`.
  if (isNullopt(Stripped)) {
    Result.Bits = Invalid;
    return Result;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Stripped))
    if (Construct->getNumArgs() == 0 ||
        isa<CXXNullPtrLiteralExpr, GNUNullExpr>(
            Construct->getArg(0)->IgnoreParenImpCasts()) ||
        isNullopt(Construct->getArg(0))) {
      Result.Bits = Invalid;
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

void HandleTransfer::linkStatus(const VarDecl *StatusVar, const Expr *Value,
                                FlowState &State) const {
  // The old status no longer describes anything.
  for (VariableState &VS : State)
    if (VS.StatusVar == StatusVar)
      VS.StatusVar = nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(stripValueWrappers(Value));
  const FunctionRole *Role =
      Call ? Catalog.roleOf(Call->getDirectCallee()) : nullptr;
  if (!Role || !Role->ZeroStatusMeansAcquired || Role->OutParam < 0 ||
      static_cast<unsigned>(Role->OutParam) >= Call->getNumArgs())
    return;
  for (const StorageKey &Key :
       outParameterTargets(Call->getArg(Role->OutParam), *Role, Ctx))
    if (int Index = Tracked.indexOf(Key); Index >= 0)
      State[Index].StatusVar = StatusVar;
}

void HandleTransfer::noteFlagWrite(const Expr *Target, const Expr *Value,
                                   FlowState &State) const {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
      Target ? Target->IgnoreParenImpCasts() : nullptr);
  const auto *Flag = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Flag)
    return;
  // What the flag said of the handles is over.
  for (VariableState &VS : State)
    if (VS.FlagVar == Flag)
      VS.FlagVar = nullptr;
  // `found = 1;` (or `true`) while a handle is open: a local flag no other
  // code can change, set to a nonzero constant. (The constant is evaluated
  // last: most assignments happen with nothing open.)
  Expr::EvalResult Result;
  if (!Value ||
      llvm::none_of(
          State,
          [](const VariableState &VS) { return VS.Bits & OpenStates; }) ||
      !Flag->isLocalVarDecl() || Flag->isStaticLocal() ||
      !Flag->getType()->isIntegerType() || Tracked.isAddressExposed(Flag) ||
      Tracked.indexOf({Flag, -1}) >= 0 || Value->isValueDependent() ||
      !Value->EvaluateAsInt(Result, Ctx) || Result.Val.getInt().isZero())
    return;
  for (VariableState &VS : State)
    if (VS.Bits & OpenStates)
      VS.FlagVar = Flag;
}

void HandleTransfer::applyAssignment(const BinaryOperator *BO,
                                     FlowState &State) const {
  noteFlagWrite(BO->getLHS(), BO->getRHS(), State);
  std::optional<StorageKey> Target = storageOf(BO->getLHS(), Ctx);
  // `p = calloc(...)`, `p = other`: p's fields are now another object's,
  // holding nothing this function knows of (no earlier call's handle).
  if (Target && Target->Var && !Target->Field && Target->Index < 0 &&
      Target->Var->getType()->isPointerType())
    for (unsigned Index = 0; Index < Tracked.size(); ++Index)
      if (const StorageKey &Key = Tracked.key(Index);
          Key.Var == Target->Var && Key.Field)
        State[Index] = VariableState{Unknown};
  if (Target && Target->Var && Target->Index < 0 && !Target->Field &&
      Target->Var->getType()->isIntegerType())
    linkStatus(Target->Var, BO->getRHS(), State);
  int Index = Target ? Tracked.indexOf(*Target) : -1;
  // `conn = mysql_real_connect(conn, ...)`: the call returns the handle
  // the storage already holds (or a failure value): nothing is replaced.
  if (Index >= 0)
    if (const auto *Call =
            dyn_cast_or_null<CallExpr>(stripValueWrappers(BO->getRHS())))
      if (const Expr *Returned = Catalog.returnedArgument(Call))
        if (llvm::is_contained(sourcesOf(Returned),
                               static_cast<unsigned>(Index))) {
          VariableState &Kept = State[Index];
          if (Kept.Bits & Open)
            Kept.Bits = (Kept.Bits & ~Open) | OpenUnchecked;
          return;
        }
  // `copy = fd;`: a second name for the same handle.
  if (Target && applyCopy(BO, *Target, BO->getRHS(), State))
    return;
  // A handle opened in this call, stored from the variable that got it.
  bool FreshValue = llvm::any_of(sourcesOf(BO->getRHS()), [&](unsigned From) {
    return State[From].isFresh();
  });
  // Whatever the right side yields is now also stored elsewhere.
  escapeSources(BO->getRHS(), State, Target);
  if (Index < 0) {
    // `s = (struct conn){0}`, `s = other`: every tracked part is replaced.
    if (Target && Target->Index < 0 && BO->getType()->isRecordType())
      overwriteParts(BO, *Target, BO->getRHS(), State);
    return;
  }
  noteOverwrite(Overwrite{BO, BO, BO->getRHS(), FreshValue}, Index, State);
  State[Index] = stateOfAssignedValue(BO->getRHS());
}

void HandleTransfer::applyDeclaration(const DeclStmt *DS,
                                      FlowState &State) const {
  // Declared without an initializer: nothing is held yet.
  for (const Decl *D : DS->decls())
    if (const auto *Var = dyn_cast<VarDecl>(D);
        Var && !Var->getInit() && !Var->isStaticLocal() &&
        !Var->getType()->isPointerType()) {
      llvm::SmallVector<unsigned, 2> Parts;
      Tracked.indexesReachedBy({Var, -1}, Parts);
      for (unsigned Index : Parts)
        State[Index] = VariableState{Uninitialized, nullptr, nullptr};
    }
  for (const StorageWrite &Write : writesOf(DS, Catalog))
    applyWrite(Write, State);
}

void HandleTransfer::applyInitialization(const VarDecl *Var, const Expr *Init,
                                         FlowState &State) const {
  // A static local's initializer runs once, not on every call; binding a
  // local reference (`FILE *&ref = data;`) makes another spelling of data.
  if (Var->isStaticLocal() || boundVariable(Var))
    return;
  if (applyCopy(nullptr, StorageKey{Var, -1}, Init, State))
    return;
  // A local closure: its captures were dealt with at the lambda itself.
  if (const auto *Lambda =
          dyn_cast<LambdaExpr>(Init->IgnoreUnlessSpelledInSource());
      Lambda && Tracked.closures().contains(Lambda))
    return;
  // A copy made inside a system macro (glibc's FD_SET under
  // _FORTIFY_SOURCE copies the descriptor into a local) only reads it.
  if (!Ctx.getSourceManager().isInSystemMacro(Var->getBeginLoc()))
    escapeSources(Init, State, StorageKey{Var, -1});
  if (Var->getType()->isIntegerType())
    linkStatus(Var, Init, State);
  if (int Index = Tracked.indexOf({Var, -1}); Index >= 0) {
    State[Index] = stateOfAssignedValue(Init);
    return;
  }
  // Tracked fields and elements: from the aggregate initializer. (Fields
  // reached through a pointer are not the pointer's parts.)
  if (Var->getType()->isPointerType())
    return;
  llvm::SmallVector<unsigned, 2> Parts;
  Tracked.indexesReachedBy({Var, -1}, Parts);
  for (unsigned Index : Parts) {
    const Expr *Value = initializerOfPart(Init, Tracked.key(Index));
    State[Index] = Value ? stateOfAssignedValue(Value)
                         : VariableState{Unknown, nullptr, nullptr};
  }
}

void HandleTransfer::applyWrite(const StorageWrite &Write,
                                FlowState &State) const {
  // A new object in the storage holds nothing this function knows of.
  forgetHeldByWritten(Write, State);
  switch (Write.Kind) {
  case WriteKind::Hold:
    applyHold(Write, State);
    return;
  case WriteKind::Assign:
    if (const auto *BO = dyn_cast<BinaryOperator>(Write.Site))
      applyAssignment(BO, State);
    else
      applyObjectOverwrite(cast<CallExpr>(Write.Site), Write.Target,
                           Write.Value, State);
    return;
  case WriteKind::Reset:
    // `sp.reset(p)` drops the old object like an assignment.
    applyObjectOverwrite(cast<CallExpr>(Write.Site), Write.Target, Write.Value,
                         State);
    return;
  case WriteKind::Exchange: {
    // std::exchange(fd_, v) hands the old value to its caller (often to
    // close()): the overwrite loses nothing, unless the caller drops it.
    std::optional<StorageKey> Target = storageOf(Write.Target, Ctx);
    escapeSources(Write.Value, State, Target);
    if (int Index = Target ? Tracked.indexOf(*Target) : -1; Index >= 0) {
      if (Tracked.isDiscardedExchange(Write.Site)) {
        const auto *Call = cast<Expr>(Write.Site);
        noteOverwrite(Overwrite{Call, Call, Write.Value}, Index, State);
      }
      State[Index] = stateOfAssignedValue(Write.Value);
    }
    return;
  }
  case WriteKind::Swap: {
    // std::swap(a, b) exchanges what the two hold.
    std::optional<StorageKey> A = storageOf(Write.Target, Ctx);
    std::optional<StorageKey> B = storageOf(Write.Other, Ctx);
    int IndexA = A ? Tracked.indexOf(*A) : -1;
    int IndexB = B ? Tracked.indexOf(*B) : -1;
    if (IndexA >= 0 && IndexB >= 0) {
      std::swap(State[IndexA], State[IndexB]);
      return;
    }
    // The other side is not tracked: our value went there, its value
    // (unknown to us) came here.
    for (int Index : {IndexA, IndexB})
      if (Index >= 0)
        State[Index] = VariableState{Unknown};
    return;
  }
  case WriteKind::OutParameter:
    for (const StorageKey &Key : keysWritten(Write, Ctx)) {
      int Index = Tracked.indexOf(Key);
      if (Index < 0)
        continue;
      noteOverwrite(Overwrite{Write.Target, cast<Expr>(Write.Site), nullptr},
                    Index, State);
      State[Index] = VariableState{OpenUnchecked, Write.Site, nullptr};
    }
    return;
  case WriteKind::Initialize:
    applyInitialization(Write.Var, Write.Value, State);
    return;
  case WriteKind::Insert:
    applyInsertion(Write, State);
    return;
  case WriteKind::Unpack: {
    // `std::tie(fd, err) = ...`: what fd held is dropped; what it gets is
    // the tuple's element, known only when spelled out.
    std::optional<StorageKey> Key = storageOf(Write.Target, Ctx);
    if (Write.Value)
      escapeSources(Write.Value, State, Key);
    if (int Index = Key ? Tracked.indexOf(*Key) : -1; Index >= 0) {
      const auto *Site = cast<Expr>(Write.Site);
      noteOverwrite(Overwrite{Write.Target, Site, Write.Value}, Index, State);
      State[Index] = Write.Value ? stateOfAssignedValue(Write.Value)
                                 : VariableState{Unknown, nullptr, nullptr};
    }
    return;
  }
  }
}

void HandleTransfer::applyInsertion(const StorageWrite &Insert,
                                    FlowState &State) const {
  std::optional<StorageKey> Container = storageOf(Insert.Target, Ctx);
  int Index = Container ? Tracked.indexOf(*Container) : -1;
  // `fds.push_back(socket(...))`: followed while it is the only handle
  // there, like one copied in.
  if (Index >= 0 && asAcquisition(Insert.Value, Catalog)) {
    if (State[Index].Bits & (OpenStates | Inherited))
      escapeWithNames(Insert.Site, Index, State);
    else
      State[Index] = stateOfAssignedValue(Insert.Value);
    return;
  }
  llvm::SmallVector<unsigned, 2> Values = sourcesOf(Insert.Value);
  int From = Values.size() == 1 ? static_cast<int>(Values.front()) : -1;
  bool Followed = Index >= 0 && From >= 0 && From != Index &&
                  Tracked.isCopyTarget(*Container) && State[From].AcquiredAt &&
                  (State[From].Bits & OpenStates);
  if (!Followed) {
    // Into a container the analysis does not follow, or a handle it does
    // not: the handle is kept where it cannot be seen. (Anything else put
    // in leaves what the container held there.)
    escapeSources(Insert.Value, State);
    return;
  }
  // The container names one handle: a second one puts both out of sight.
  const VariableState &Held = State[Index];
  if ((Held.Bits & (OpenStates | Inherited)) &&
      Held.AcquiredAt != State[From].AcquiredAt) {
    escapeWithNames(Insert.Site, Index, State);
    escapeSources(Insert.Value, State);
    return;
  }
  State[Index] = State[From];
}

void HandleTransfer::overwriteParts(const Expr *Site, const StorageKey &Whole,
                                    const Expr *NewValue,
                                    FlowState &State) const {
  llvm::SmallVector<unsigned, 2> Parts;
  Tracked.indexesReachedBy(Whole, Parts);
  for (unsigned Index : Parts) {
    const Expr *Value = initializerOfPart(NewValue, Tracked.key(Index));
    noteOverwrite(Overwrite{Site, Site, Value ? Value : NewValue}, Index,
                  State);
    State[Index] = Value ? stateOfAssignedValue(Value)
                         : VariableState{Unknown, nullptr, nullptr};
  }
}

void HandleTransfer::applyObjectOverwrite(const CallExpr *Call,
                                          const Expr *Target,
                                          const Expr *NewValue,
                                          FlowState &State) const {
  std::optional<StorageKey> Key = storageOf(Target, Ctx);
  if (NewValue)
    escapeSources(NewValue, State, Key);
  int Index = Key ? Tracked.indexOf(*Key) : -1;
  if (Index < 0) {
    // The implicit copy or move assignment of an aggregate replaces every
    // tracked field; a user-written operator= may release them first.
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
    if (Key && Key->Index < 0 && NewValue && Method &&
        !Method->isUserProvided() && Target->getType()->isRecordType())
      overwriteParts(Call, *Key, NewValue, State);
    else if (Key && Key->Index < 0)
      escapeSources(Target, State);
    return;
  }
  noteOverwrite(Overwrite{Call, Call, NewValue}, Index, State);
  State[Index] = NewValue ? stateOfAssignedValue(NewValue)
                          : VariableState{Invalid, nullptr, nullptr};
}

void HandleTransfer::apply(const Stmt *S, FlowState &State,
                           FlowListener *Listener) const {
  if (const auto *E = dyn_cast<Expr>(S); E && E->containsErrors())
    return;
  this->Listener = Listener;
  Current = S;
  applyStatement(S, State);
  this->Listener = nullptr;
  Current = nullptr;
}

void HandleTransfer::applyStatement(const Stmt *S, FlowState &State) const {
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign) {
      for (const StorageWrite &Write : writesOf(BO, Catalog))
        applyWrite(Write, State);
      return;
    }
    // `fd += 1` leaves a value we do not model.
    if (BO->isCompoundAssignmentOp()) {
      forgetSources(BO->getLHS(), State);
      noteFlagWrite(BO->getLHS(), nullptr, State);
    }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->getOpcode() == UO_AddrOf) {
      // `&conn` given to a function of this TU: its summary decides, at
      // the call.
      if (!Tracked.isAcquisitionOutArgument(UO) &&
          !Tracked.isSummarizedArgument(UO) && !Tracked.bindsPointer(UO))
        escapeSources(UO->getSubExpr(), State);
    } else if (UO->isIncrementDecrementOp()) {
      forgetSources(UO->getSubExpr(), State);
      noteFlagWrite(UO->getSubExpr(), nullptr, State);
    }
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
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
    releaseSources(Delete->getArgument(), State, Delete);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    escapeSources(Ret->getRetValue(), State);
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // Captured by copy or by reference, the closure may close or keep it;
    // a local closure acts on its by-reference captures only where it is
    // called (LocalClosures.h).
    bool Local = Tracked.closures().contains(Lambda);
    llvm::SmallVector<unsigned, 2> Captured;
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() &&
          !(Local && Capture.getCaptureKind() == LCK_ByRef))
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Tracked.indexesReachedBy({Var, -1}, Captured);
    for (unsigned Index : Captured) {
      if (Listener)
        Listener->escaped(S, Index, State[Index]);
      State[Index].Bits = Escaped;
    }
    auto Capture = Lambda->capture_begin();
    for (const Expr *Init : Lambda->capture_inits())
      if (!(Local && (Capture++)->getCaptureKind() == LCK_ByRef))
        escapeSources(Init, State);
    return;
  }
  if (const auto *Block = dyn_cast<BlockExpr>(S)) {
    llvm::SmallVector<unsigned, 2> Captured;
    for (const BlockDecl::Capture &Capture : Block->getBlockDecl()->captures())
      Tracked.indexesReachedBy({Capture.getVariable(), -1}, Captured);
    for (unsigned Index : Captured) {
      if (Listener)
        Listener->escaped(S, Index, State[Index]);
      State[Index].Bits = Escaped;
    }
    return;
  }
  // A container of handles copied for a call or a local: those follow it.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S);
      Construct && Tracked.isFollowedCopy(Construct))
    return;
  // Anything that builds an object or aggregate from the value stores it.
  if (isa<CXXConstructExpr, InitListExpr, CXXNewExpr, ParenListExpr,
          CXXParenListInitExpr, CompoundLiteralExpr, CXXThrowExpr, CoreturnStmt,
          ObjCMessageExpr, StmtExpr, GCCAsmStmt, MSAsmStmt>(S)) {
    for (const Stmt *Child : S->children())
      if (const auto *ChildExpr = dyn_cast_or_null<Expr>(Child))
        escapeSources(ChildExpr, State);
    return;
  }
}

} // namespace clang::tidy::resource
