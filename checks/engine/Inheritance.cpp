//===--- Inheritance.cpp - resource-tidy ----------------------------------===//
//
// The part of FunctionAnalysis that decides what storage may still hold
// from an earlier call of the function when it starts: storage that
// outlives the call, in a function that runs again (on the same object),
// and is not closed by what the function itself stores.
//
//===----------------------------------------------------------------------===//

#include "engine/HandleFlow.h"
#include "engine/HandleHolders.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::resource {

bool FunctionAnalysis::canInherit(const StorageKey &Key) const {
  // Objects are reused: their methods run again and again, except the
  // constructors and the private initialisers only they call.
  // (and methods the TU calls only on objects just made, once each).
  if (!Key.Var && Key.Field)
    return !isa_and_nonnull<CXXConstructorDecl>(Function) &&
           !(Holders && Function &&
             (Holders->calledOnlyFromConstructors(Function) ||
              Holders->isRunOnce(Function) ||
              Holders->calledOnlyOnFreshObjects(Function)));
  if (Key.Var && !Key.Field) {
    // A static local exists precisely to survive between calls; a sink
    // parameter brings the caller's handle along.
    if (Key.Var->isStaticLocal() || Tracked.isSinkParameter(Key.Var))
      return true;
  }
  // Globals and the caller's objects carry an earlier call's handle only if
  // this function runs more than once; main() and one-time initializers
  // do not.
  // A block literal runs whenever it is called: a handler, a completion,
  // a retry; a block given to dispatch_once runs once.
  if (isBlockBody())
    return Tracked.blockMayRunAgain();
  if (!Holders || !Function || Function->isMain())
    return false;
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(Key.Var);
  // What the caller's object holds (`bufferevent_getfd(c->bev)`): the
  // callers' analyses follow the object pointer, not what it holds, so
  // whether the function runs again on the object decides.
  if (Key.Held && Param)
    return Holders->runsRepeatedlyOn(Function, Param->getFunctionScopeIndex());
  if (!Param && Key.Field) {
    Param = viewedParameter(Key.Var);
    // A record reached through user data, whose field another callback
    // closes and resets (`on_end(d) { fclose(d->out); d->out = NULL; }`):
    // the framework pairs the callbacks.
    if (Param && Holders->isClosedAndReset(Key.Field))
      return false;
  }
  if (Param && Key.Field)
    return inheritsThroughCallers(Param->getFunctionScopeIndex(), Key.Field);
  // What a reference parameter of a function only this TU can call refers
  // to: the callers say what they pass (`open_into(fd)` with a fresh fd).
  if (Param && Param->getType()->isReferenceType() &&
      !Function->isExternallyVisible())
    return inheritsThroughCallers(Param->getFunctionScopeIndex(), nullptr);
  // `*out`: an out-parameter is filled for the caller, who usually passes
  // empty storage; a caller in this TU that passes an open handle is told
  // at its call, through the summary.
  if (Key.isPointee())
    return false;
  if (Param)
    return Holders->runsRepeatedlyOn(Function, Param->getFunctionScopeIndex());
  return Holders->runsRepeatedly(Function);
}

bool FunctionAnalysis::inheritsThroughCallers(unsigned ParamIndex,
                                              const FieldDecl *Field) const {
  if (Field && Holders->repeatedOnItsOwn(Function, ParamIndex))
    return true;
  if (!Holders->runsRepeatedlyOn(Function, ParamIndex))
    return false;
  if (!Summaries)
    return true;
  // A reference parameter the function always fills with a fresh handle:
  // its callers report what they had there (an out-parameter acquisition).
  if (!Field)
    if (const FunctionSummary *Summary = Summaries->summaryOf(Function);
        Summary &&
        Summary->parameter(ParamIndex).Effect == ParameterEffect::Acquires)
      return false;
  // It runs again only because its callers do: the field can hold an
  // earlier handle only if some caller may pass the object with it open
  // (a reconnect that closes the socket first passes it closed).
  for (const HandleHolders::CallEdge *Edge : Holders->callersOf(Function)) {
    if (ParamIndex >= Edge->Arguments.size() ||
        (Field &&
         Edge->Arguments[ParamIndex] == HandleHolders::CallEdge::Fresh))
      continue;
    std::optional<HandleStateSet> AtCall = Summaries->fieldStateAtCall(
        Edge->Caller, Edge->Call, ParamIndex, Field);
    if (!AtCall || (*AtCall & (OpenStates | Inherited | Unknown)))
      return true;
  }
  return false;
}

bool FunctionAnalysis::isHandler() const {
  return Holders && Function && Holders->isHandler(Function);
}

bool FunctionAnalysis::runsAgainOnSameObject(const StorageKey &Key) const {
  if (!canInherit(Key))
    return false;
  if (isHandler() || !Key.Var || Key.Var->hasGlobalStorage())
    return true;
  const auto *Param = dyn_cast<ParmVarDecl>(Key.Var);
  if (!Param)
    Param = viewedParameter(Key.Var);
  return Param && Holders &&
         Holders->calledInLoopOn(Function, Param->getFunctionScopeIndex());
}

bool FunctionAnalysis::closesWhatItStores(const StorageKey &Key) const {
  // A sink parameter's handle comes from the caller.
  if (!Holders || !Function ||
      (!Key.Field && isa_and_nonnull<ParmVarDecl>(Key.Var)))
    return false;
  const ValueDecl *Identity = Key.identity();
  int Index = Tracked.indexOf(Key);
  std::optional<FlowState> Exit = exitState();
  // Closed, reset or never opened on every path; a handle returned or
  // handed over is still in the storage for the next call. (Inherited is
  // what earlier calls left, closed by the same argument.)
  constexpr HandleStateSet Closed = Released | Invalid | Failed | Inherited;
  return Identity && Index >= 0 && Exit &&
         ((*Exit)[Index].Bits & ~Closed) == 0 &&
         Holders->onlyStoredBy(Identity, Function);
}

} // namespace clang::tidy::resource
