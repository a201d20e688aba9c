//===--- CallTransfer.cpp - resource-tidy ---------------------------------===//
//
// The transfer function for calls: what a call does to the handles it is
// given. A function the catalog models acts by its role (acquire, release,
// use, take); a function of this translation unit by its summary
// (FunctionSummaries.h); anything else may keep what it is given.
//
//===----------------------------------------------------------------------===//

#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "engine/HandleTransfer.h"
#include "engine/StorageWrites.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::resource {

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
  // Every tracked field of the object the method is called on.
  auto ForEachField = [&](llvm::function_ref<void(VariableState &)> Apply) {
    for (unsigned Index = 0; Index < Tracked.size(); ++Index)
      if (const StorageKey &Key = Tracked.key(Index);
          Key.Field && Key.Var == Base)
        Apply(State[Index]);
  };
  // A release method defined in another translation unit (`disconnect();
  // fd_ = socket(...)`): the summary index may know what it closes; else
  // its name, the same ReleaseMethods that close a connection object, is
  // all there is to go by.
  const FunctionSummary *Summary = Summaries->summaryOf(Method);
  // A virtual method (`stop(); sock_ = socket(...)`): an override may run
  // instead, but one that leaves open what the class's own version closes
  // is rare. Only releases are read from the summary here.
  if (!Summary && Method && Method->isVirtual() && Method->isDefined())
    Summary = Summaries->summaryOfTarget(Method);
  if (!Summary && Method && !Method->isDefined() &&
      Catalog.isReleaseMethod(Method)) {
    for (unsigned Index = 0; Index < Tracked.size(); ++Index)
      if (const StorageKey &Key = Tracked.key(Index);
          Key.Field && Key.Var == Base) {
        if (Listener)
          Listener->released(Call, Index, State[Index]);
        State[Index].release(Call);
      }
    return;
  }
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
  // Summaries do not say what a function does to the handles library
  // objects hold: an object passed may have it read out or replaced.
  if (Tracked.tracksHeld())
    escapeHeldPassedTo(Call, Arg, State);
  const ParameterSummary Parameter = Summary.parameter(Param);
  // `open_into(&f)`: what the function leaves in the handle it is given the
  // address of, when it does not keep the address itself.
  // (A callee that keeps the address, or says nothing of what it does
  // there, may change the handle at any time: it escapes.)
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
      AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
      !AddrOf->getSubExpr()->getType()->isRecordType())
    if (std::optional<StorageKey> Key = storageOf(AddrOf->getSubExpr(), Ctx))
      if (int Index = Tracked.indexOf(*Key); Index >= 0) {
        // A summary says what happens there only when the function keeps
        // no copy of the pointer (FunctionSummaries.cpp).
        std::optional<ParameterSummary> Pointee = Summary.pointee(Param);
        applyToPointee(Call, AddrOf, Index,
                       Pointee ? *Pointee : ParameterSummary{}, State);
        return;
      }
  // `use_pair(fds)` for a local array: each element gets what the summary
  // says of it; one it does not mention is left as it was. A function that
  // says nothing of what the pointer points to may do anything there.
  if (const auto *ArrayRef = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()))
    if (const auto *ArrayVar = dyn_cast<VarDecl>(ArrayRef->getDecl());
        ArrayVar && ArrayVar->getType()->isConstantArrayType()) {
      bool Known = Summary.summarizesPointee(Param);
      for (unsigned Index = 0; Index < Tracked.size(); ++Index) {
        const StorageKey &Key = Tracked.key(Index);
        if (Key.Var != ArrayVar || Key.Field || Key.Index < 0)
          continue;
        std::optional<ParameterSummary> Element =
            Summary.pointee(Param, static_cast<unsigned>(Key.Index));
        if (Element || !Known)
          applyToPointee(Call, Arg, Index,
                         Element ? *Element : ParameterSummary{}, State);
        else if (Listener)
          Listener->used(Call, Index, State[Index]);
      }
      return;
    }
  // The object a pointer argument points to (`c`, `&conn`): its tracked
  // handle fields get what the function does to them.
  const Expr *Object = withoutAddressOf(Arg);
  const auto *ObjectRef = dyn_cast<DeclRefExpr>(Object);
  const auto *ObjectVar =
      ObjectRef ? dyn_cast<VarDecl>(ObjectRef->getDecl()) : nullptr;
  if (ObjectVar && Tracked.indexOf({ObjectVar, -1}) < 0) {
    // The pointer itself kept or replaced: anything may happen to the
    // object. A struct passed by value is a copy: the summary lists each
    // of its handle fields.
    bool ByValue = ObjectVar->getType()->isRecordType() &&
                   Object == Arg->IgnoreParenImpCasts();
    bool ObjectEscapes =
        ByValue ? !llvm::any_of(Summary.ParameterFields,
                                [&](const ParameterFieldSummary &Each) {
                                  return Each.Param == Param && Each.Field;
                                })
                : Parameter.Effect == ParameterEffect::Unknown ||
                      Parameter.Effect == ParameterEffect::Overwritten;
    for (unsigned Index = 0; Index < Tracked.size(); ++Index) {
      const StorageKey &Key = Tracked.key(Index);
      if (Key.Var != ObjectVar || !Key.Field || Key.Index >= 0 || Key.Held)
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
        // `sink(pair)` copying `pair.f` out and dropping it.
        if (ByValue && Listener)
          Listener->passedToOverwriter(
              Call, Index, State[Index],
              Summary.parameterField(Param, Key.Field));
        [[fallthrough]];
      case ParameterEffect::Acquires:
      case ParameterEffect::Unknown:
        escapeWithNames(Call, Index, State);
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
        storeFreshHandle(Overwrite{Arg, Call, nullptr}, Index, Parameter, Call,
                         State);
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
        Listener->passedToOverwriter(Call, Index, State[Index], Parameter);
    escapeSources(Arg, State);
    return;
  case ParameterEffect::Unknown:
    escapeSources(Arg, State);
    return;
  }
}

void HandleTransfer::storeFreshHandle(const Overwrite &What, unsigned Index,
                                      const ParameterSummary &Effect,
                                      const Expr *AcquiredAt,
                                      FlowState &State) const {
  // The callee closed or handed over what was there first: nothing lost.
  if (Effect.ReleasesFirst) {
    if (Listener)
      Listener->released(What.Root, Index, State[Index]);
  } else {
    noteOverwrite(What, Index, State);
  }
  State[Index] = VariableState{OpenUnchecked, AcquiredAt, nullptr};
}

void HandleTransfer::applyToPointee(const CallExpr *Call, const Expr *AddrOf,
                                    unsigned Index,
                                    const ParameterSummary &Effect,
                                    FlowState &State) const {
  switch (Effect.Effect) {
  case ParameterEffect::Acquires:
    storeFreshHandle(Overwrite{AddrOf, Call, nullptr}, Index, Effect,
                     Effect.OverwriteSite ? Effect.OverwriteSite : Call, State);
    return;
  case ParameterEffect::Released:
    if (Listener)
      Listener->released(Call, Index, State[Index]);
    State[Index].release(Call);
    return;
  case ParameterEffect::UsedOnly:
    if (Listener)
      Listener->used(Call, Index, State[Index]);
    return;
  case ParameterEffect::Overwritten:
    // `badSink(&data)` reading `*dataPtr` into a local it overwrites.
    if (Listener)
      Listener->passedToOverwriter(Call, Index, State[Index], Effect);
    [[fallthrough]];
  case ParameterEffect::Unknown:
    // With its other names (`slots[2] = data; keep(slots);`).
    escapeWithNames(Call, Index, State);
    return;
  }
}

void HandleTransfer::applyToPassedPointer(const CallExpr *Call, const Expr *Arg,
                                          unsigned Param,
                                          const FunctionSummary *Summary,
                                          FlowState &State) const {
  // `net_nonblock(sock)` for this function's own `int *sock`, whose
  // pointee it tracks: the callee may change what it points to.
  const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
  const auto *Pointer = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  int Index = Pointer && Pointer->getType()->isPointerType()
                  ? Tracked.indexOf(StorageKey{Pointer, 0})
                  : -1;
  if (Index < 0)
    return;
  std::optional<ParameterSummary> Pointee =
      Summary ? Summary->pointee(Param) : std::nullopt;
  applyToPointee(Call, Arg, Index, Pointee ? *Pointee : ParameterSummary{},
                 State);
}

void HandleTransfer::applyClosureCall(const CallExpr *Call,
                                      const LambdaExpr &Lambda,
                                      FlowState &State) const {
  const FunctionSummary *Summary =
      Summaries ? Summaries->summaryOf(Lambda.getCallOperator()) : nullptr;
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    int Index = Var ? Tracked.indexOf({Var, -1}) : -1;
    if (Index < 0)
      continue;
    ParameterSummary Effect;
    if (Summary && !Summary->Untrusted)
      for (const CaptureSummary &Each : Summary->Captures)
        if (Each.Var == Var)
          Effect = Each.Effect;
    // `reconnect()` stores a new socket into the captured `fd`, as a
    // function does through a pointer it is given.
    applyToPointee(Call, Call, Index, Effect, State);
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

const CXXMethodDecl *
HandleTransfer::knownTarget(const CXXMemberCallExpr *Call) const {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Method || !Method->isVirtual() || !Object)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      !Var->getInit() ||
      !(Var->getType()->isPointerType() || Var->getType()->isReferenceType()) ||
      Tracked.isReassigned(Var) || Tracked.isAddressExposed(Var))
    return nullptr;
  const Expr *Init = Var->getInit()->IgnoreUnlessSpelledInSource();
  QualType Created;
  if (const auto *New = dyn_cast<CXXNewExpr>(Init))
    Created = New->getAllocatedType();
  else if (isa<CXXConstructExpr, CXXFunctionalCastExpr>(Init) &&
           Var->getType()->isReferenceType())
    Created = Init->getType();
  const CXXRecordDecl *Class =
      Created.isNull() ? nullptr : Created->getAsCXXRecordDecl();
  return Class ? Method->getCorrespondingMethodInClass(Class) : nullptr;
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
  // std::move(fd) forwards fd to whoever consumes the call's value;
  // std::tie(fd, err) only names fd for the assignment that follows.
  if (forwardedArgument(Call) || isStdTie(Call))
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
      // Several for `std::tie(a, b) = v`.
      for (const StorageWrite &Write : Writes)
        applyWrite(Write, State);
      return;
    }
    // Dereferencing or comparing a smart pointer only reads it, and `v[k]`
    // an element of a container of handles.
    if (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star ||
        Op->isComparisonOp() || containerElementRead(Op))
      return;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    // A container of handles (HandleContainers.h).
    switch (classifyContainerCall(Member)) {
    case ContainerCall::None:
      break;
    case ContainerCall::Read:
      return;
    case ContainerCall::Insert:
    case ContainerCall::Clear:
      if (Whole)
        applyWrite(*Whole, State);
      return;
    case ContainerCall::Iterator:
      if (Tracked.isInsertPosition(Member))
        return;
      [[fallthrough]];
    case ContainerCall::Change:
      escapeSources(Member->getImplicitObjectArgument(), State);
      return;
    }
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Object = Member->getImplicitObjectArgument();
    // A method may read or replace what the object's library objects hold:
    // summaries do not say.
    if (Tracked.tracksHeld())
      escapeHeldOfObject(Member, State);
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
  if (Tracked.tracksHeld())
    if (const HeldAccess *Access = Catalog.heldAccessOf(Call);
        Access && Access->Kind == HeldAccessKind::Get)
      escapeHeld(Call, *Access, Call->getArg(Access->ObjectArg), State);
  // A lambda kept in a local and only called: what it does to what it
  // captures by reference happens here (LocalClosures.h).
  if (const LambdaExpr *Closure = Tracked.closures().calledBy(Call))
    applyClosureCall(Call, *Closure, State);
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
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *Target = Member ? knownTarget(Member) : nullptr;
  if (!Role && Summaries && Summarized &&
      (Tracked.tracksGlobals() ||
       llvm::any_of(Args.drop_front(FirstArg), [&](const Expr *Arg) {
         return !sourcesOf(Arg).empty() || reachesTrackedThroughAddress(Arg);
       })))
    Summary = Target ? Summaries->summaryOfTarget(Target)
                     : Summaries->summaryOf(Summarized);
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
  // `badSink()` reading a file-local global out and overwriting its copy.
  if (Summary && !Summary->Untrusted)
    for (const auto &[Var, Site] : Summary->GlobalsOverwritten)
      if (int Index = Tracked.indexOf({Var, -1}); Index >= 0) {
        if (Listener)
          Listener->passedToOverwriter(
              Call, Index, State[Index],
              ParameterSummary{ParameterEffect::Overwritten, Site});
        escapeWithNames(Call, Index, State);
      }
  for (unsigned I = FirstArg; I < Args.size(); ++I) {
    unsigned ParamIndex = I - FirstArg;
    if (!Role)
      applyToPassedPointer(Call, Args[I], ParamIndex,
                           Summary && !Summary->Untrusted ? Summary : nullptr,
                           State);
    if (!Role) {
      if (Summary && !Summary->Untrusted) {
        applyParameterSummary(Call, Args[I], ParamIndex, *Summary, State);
        continue;
      }
      escapeSources(Args[I], State);
      // `&f` was left for the summary to decide: with none, it escapes.
      if (const auto *AddrOf =
              dyn_cast<UnaryOperator>(Args[I]->IgnoreParenImpCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
          Tracked.isSummarizedArgument(AddrOf) &&
          !AddrOf->getSubExpr()->getType()->isRecordType())
        escapeSources(AddrOf->getSubExpr(), State);
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

} // namespace clang::tidy::resource
