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
  return Indexes;
}

llvm::SmallVector<unsigned, 2> aliasesOf(unsigned Index, const FlowState &State,
                                         const TrackedStorage &Tracked) {
  llvm::SmallVector<unsigned, 2> Aliases;
  const VariableState &Named = State[Index];
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
  if (!Read || !isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr>(Read))
    return false;
  std::optional<StorageKey> Source = storageOf(Read, Ctx);
  int From = Source ? Tracked.indexOf(*Source) : -1;
  // Only a handle opened in this call is followed under two names.
  if (From < 0 || From == Index || !State[From].AcquiredAt ||
      !(State[From].Bits & OpenStates))
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
  // An empty smart pointer: `std::shared_ptr<T>()`, `= nullptr`.
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Stripped))
    if (Construct->getNumArgs() == 0 ||
        isa<CXXNullPtrLiteralExpr, GNUNullExpr>(
            Construct->getArg(0)->IgnoreParenImpCasts())) {
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

void HandleTransfer::applyAssignment(const BinaryOperator *BO,
                                     FlowState &State) const {
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
    return State[From].AcquiredAt && (State[From].Bits & OpenStates) &&
           !(State[From].Bits & ~(OpenStates | Failed));
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
  switch (Write.Kind) {
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
    // close()): the overwrite loses nothing.
    std::optional<StorageKey> Target = storageOf(Write.Target, Ctx);
    escapeSources(Write.Value, State, Target);
    if (int Index = Target ? Tracked.indexOf(*Target) : -1; Index >= 0)
      State[Index] = stateOfAssignedValue(Write.Value);
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
  }
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

void HandleTransfer::applySummary(const CXXMemberCallExpr *Call,
                                  FlowState &State) const {
  if (!Summaries || Tracked.empty())
    return;
  // The callee's `this` is the object it is called on: `*this` here, or a
  // variable (`conn.close_all()`, `conn->close_all()`).
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Object)
    return;
  Object = Object->IgnoreParenImpCasts();
  const VarDecl *Base = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
    Base = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Base)
      return;
  } else if (!isa<CXXThisExpr>(Object)) {
    return;
  }
  const CXXMethodDecl *Method = Call->getMethodDecl();
  // A release method defined in another translation unit (`disconnect();
  // fd_ = socket(...)`): its name, the same ReleaseMethods that close a
  // connection object, is all there is to go by.
  // Every tracked field of the object the method is called on.
  auto ForEachField = [&](llvm::function_ref<void(VariableState &)> Apply) {
    for (unsigned Index = 0; Index < Tracked.size(); ++Index)
      if (const StorageKey &Key = Tracked.key(Index);
          Key.Field && Key.Var == Base)
        Apply(State[Index]);
  };
  if (Method && !Method->isDefined() && Catalog.isReleaseMethod(Method)) {
    for (unsigned Index = 0; Index < Tracked.size(); ++Index)
      if (const StorageKey &Key = Tracked.key(Index);
          Key.Field && Key.Var == Base) {
        if (Listener)
          Listener->released(Call, Index, State[Index]);
        State[Index].release(Call);
      }
    return;
  }
  const FunctionSummary *Summary = Summaries->summaryOf(Method);
  if (!Summary)
    return;
  if (Summary->Untrusted) {
    ForEachField([](VariableState &Field) { Field.Bits = Escaped; });
    return;
  }
  auto Apply = [&](const FieldDecl *Field, bool Always) {
    if (int Index = Tracked.indexOf(StorageKey{Base, -1, Field}); Index >= 0) {
      if (Listener && Always)
        Listener->released(Call, Index, State[Index]);
      State[Index].release(Call, Always);
    }
  };
  for (const FieldDecl *Field : Summary->AlwaysReleased)
    Apply(Field, /*Always=*/true);
  for (const FieldDecl *Field : Summary->SometimesReleased)
    Apply(Field, /*Always=*/false);
}

void HandleTransfer::applyParameterSummary(const CallExpr *Call,
                                           const Expr *Arg, unsigned Param,
                                           const FunctionSummary &Summary,
                                           FlowState &State) const {
  const ParameterSummary Parameter = Summary.parameter(Param);
  // The object a pointer argument points to (`c`, `&conn`): its tracked
  // handle fields get what the function does to them.
  const Expr *Object = Arg->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Object);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Object = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *ObjectRef = dyn_cast<DeclRefExpr>(Object);
  const auto *ObjectVar =
      ObjectRef ? dyn_cast<VarDecl>(ObjectRef->getDecl()) : nullptr;
  if (ObjectVar && Tracked.indexOf({ObjectVar, -1}) < 0) {
    // The pointer itself kept or replaced: anything may happen to the
    // object.
    bool ObjectEscapes = Parameter.Effect == ParameterEffect::Unknown ||
                         Parameter.Effect == ParameterEffect::Overwritten;
    for (unsigned Index = 0; Index < Tracked.size(); ++Index) {
      const StorageKey &Key = Tracked.key(Index);
      if (Key.Var != ObjectVar || !Key.Field || Key.Index >= 0)
        continue;
      ParameterEffect Effect =
          ObjectEscapes ? ParameterEffect::Unknown
                        : Summary.parameterField(Param, Key.Field).Effect;
      switch (Effect) {
      case ParameterEffect::UsedOnly:
        break;
      case ParameterEffect::Released:
        if (Listener)
          Listener->released(Call, Index, State[Index]);
        State[Index].release(Call);
        break;
      case ParameterEffect::Overwritten:
      case ParameterEffect::Acquires:
      case ParameterEffect::Unknown:
        if (Listener)
          Listener->escaped(Call, Index, State[Index]);
        State[Index].Bits = Escaped;
        break;
      }
    }
    return;
  }
  switch (Parameter.Effect) {
  case ParameterEffect::Acquires:
    // The callee writes a fresh handle into the referenced storage.
    if (std::optional<StorageKey> Key = storageOf(Arg, Ctx))
      if (int Index = Tracked.indexOf(*Key); Index >= 0) {
        noteOverwrite(Overwrite{Arg, Call, nullptr}, Index, State);
        State[Index] = VariableState{OpenUnchecked, Call, nullptr};
        return;
      }
    escapeSources(Arg, State);
    return;
  case ParameterEffect::UsedOnly:
    if (Listener)
      for (unsigned Index : sourcesOf(Arg))
        Listener->used(Call, Index, State[Index]);
    return;
  case ParameterEffect::Released:
    releaseSources(Arg, State, Call);
    return;
  case ParameterEffect::Overwritten:
    if (Listener)
      for (unsigned Index : sourcesOf(Arg))
        Listener->passedToOverwriter(Call, Index, State[Index],
                                     Parameter.OverwriteSite);
    escapeSources(Arg, State);
    return;
  case ParameterEffect::Unknown:
    escapeSources(Arg, State);
    return;
  }
}

const FunctionDecl *
HandleTransfer::calledThroughLocal(const CallExpr *Call) const {
  // `void (*sink)(FILE *) = write_all; sink(f);`: a local function pointer
  // set once, at its declaration, to a function of this TU.
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      !Var->getInit() || Tracked.isReassigned(Var) ||
      Tracked.isAddressExposed(Var))
    return nullptr;
  const Expr *Init = Var->getInit()->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Init = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *Target = dyn_cast<DeclRefExpr>(Init);
  return Target ? dyn_cast<FunctionDecl>(Target->getDecl()) : nullptr;
}

/// True when \p Arg, a pointer to something other than void, is passed to
/// parameter \p ParamIndex of \p Callee declared `void *`.
static bool isUserData(const FunctionDecl *Callee, unsigned ParamIndex,
                       const Expr *Arg) {
  if (!Callee || ParamIndex >= Callee->getNumParams())
    return false;
  QualType Param = Callee->getParamDecl(ParamIndex)->getType();
  QualType Passed = Arg->IgnoreParenImpCasts()->getType();
  return Param->isVoidPointerType() && Passed->isPointerType() &&
         !Passed->isVoidPointerType();
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
  // What the call writes (StorageWrites.h): operator=, reset, exchange and
  // swap are the whole call; an out-parameter is one of its arguments.
  llvm::SmallVector<StorageWrite, 2> Writes = writesOf(Call, Catalog);
  const StorageWrite *Whole = nullptr, *OutParameter = nullptr;
  for (const StorageWrite &Write : Writes)
    (Write.Kind == WriteKind::OutParameter ? OutParameter : Whole) = &Write;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Whole) {
      applyWrite(*Whole, State);
      return;
    }
    // Dereferencing or comparing a smart pointer only reads it.
    if (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star ||
        Op->isComparisonOp())
      return;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    applySummary(Member, State);
    if (const auto *Arrow = dyn_cast_or_null<CXXOperatorCallExpr>(
            Object ? Object->IgnoreParenImpCasts() : nullptr);
        Arrow && Arrow->getOperator() == OO_Arrow)
      Object = Arrow->getArg(0);
    // `conn->close()`, `sp->close()`, `conn.close()` close the object.
    if (Catalog.isReleaseMethod(Method))
      releaseSources(Object, State, Call);
    else if (Listener && Object && Method && !Method->isConst())
      for (unsigned Index : sourcesOf(Object))
        Listener->methodCalled(Call, Index, State[Index]);
  }
  if (Whole) {
    applyWrite(*Whole, State);
    return;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionRole *Role = Catalog.roleOf(Callee);
  // Compiler builtins (__builtin_expect, ...) only compute with values.
  if (Callee && Callee->getBuiltinID() != 0)
    return;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  // The object of a member operator call is not a handle argument.
  unsigned FirstArg = 0;
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Callee) && !Args.empty()) {
    escapeSources(Args[0], State);
    FirstArg = 1;
  }
  const FunctionSummary *Summary = nullptr;
  const FunctionDecl *Summarized = Callee ? Callee : calledThroughLocal(Call);
  if (!Role && Summaries && Summarized &&
      (Tracked.tracksGlobals() ||
       llvm::any_of(Args.drop_front(FirstArg), [&](const Expr *Arg) {
         return !sourcesOf(Arg).empty() || Tracked.isSummarizedArgument(Arg);
       })))
    Summary = Summaries->summaryOf(Summarized);
  // `disconnect_all(); g_sock = socket(...)`: globals it closes.
  if (Summary && !Summary->Untrusted)
    for (unsigned Index = 0; Index < Tracked.size(); ++Index) {
      const VarDecl *Var = Tracked.key(Index).Var;
      bool Always = llvm::is_contained(Summary->GlobalsAlwaysReleased, Var);
      if (!Always &&
          !llvm::is_contained(Summary->GlobalsSometimesReleased, Var))
        continue;
      if (Tracked.key(Index).Field || Tracked.key(Index).Index >= 0)
        continue;
      if (Listener && Always)
        Listener->released(Call, Index, State[Index]);
      State[Index].release(Call, Always);
    }
  for (unsigned I = FirstArg; I < Args.size(); ++I) {
    unsigned ParamIndex = I - FirstArg;
    if (!Role) {
      if (Summary && !Summary->Untrusted)
        applyParameterSummary(Call, Args[I], ParamIndex, *Summary, State);
      else
        escapeSources(Args[I], State);
      continue;
    }
    if (OutParameter && OutParameter->Target == Args[I]) {
      applyWrite(*OutParameter, State);
      continue;
    }
    ArgumentRole ArgRole = Role->roleOfArgument(ParamIndex);
    // A typed handle passed where the function takes `void *` is user data
    // (a callback's argument): the library keeps it for later.
    if (ArgRole == ArgumentRole::Use && isUserData(Callee, ParamIndex, Args[I]))
      ArgRole = ArgumentRole::Sink;
    switch (ArgRole) {
    case ArgumentRole::Use:
      if (Listener)
        for (unsigned Index : sourcesOf(Args[I]))
          Listener->used(Call, Index, State[Index]);
      break;
    case ArgumentRole::Release:
      releaseSources(Args[I], State, Call);
      break;
    case ArgumentRole::Sink:
      escapeSources(Args[I], State);
      break;
    }
  }
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
    if (BO->isCompoundAssignmentOp())
      forgetSources(BO->getLHS(), State);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->getOpcode() == UO_AddrOf) {
      // `&conn` given to a function of this TU: its summary decides, at
      // the call.
      if (!Tracked.isAcquisitionOutArgument(UO) &&
          !Tracked.isSummarizedArgument(UO))
        escapeSources(UO->getSubExpr(), State);
    } else if (UO->isIncrementDecrementOp()) {
      forgetSources(UO->getSubExpr(), State);
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
    // Captured by copy or by reference, the closure may close or keep it.
    llvm::SmallVector<unsigned, 2> Captured;
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Tracked.indexesReachedBy({Var, -1}, Captured);
    for (unsigned Index : Captured) {
      if (Listener)
        Listener->escaped(S, Index, State[Index]);
      State[Index].Bits = Escaped;
    }
    for (const Expr *Init : Lambda->capture_inits())
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
