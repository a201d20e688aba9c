//===--- RunsAgain.cpp - resource-tidy ------------------------------------===//
//
// The call-graph half of HandleHolders: which functions of the TU run
// again (called in a loop, from two places, through their address, named
// like a handler, or from a function that runs again) and which run once
// (from constructors only, or through a run-once registration).
//
//===----------------------------------------------------------------------===//

#include "engine/HandleHolders.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace clang::tidy::resource {

llvm::SmallVector<const HandleHolders::CallEdge *, 4>
HandleHolders::callersOf(const FunctionDecl *Function) const {
  llvm::SmallVector<const CallEdge *, 4> Found;
  auto Positions = EdgesByCallee.find(Function->getCanonicalDecl());
  if (Positions != EdgesByCallee.end())
    for (unsigned Position : Positions->second)
      Found.push_back(&Edges[Position]);
  return Found;
}

bool HandleHolders::directlyRepeated(const FunctionDecl *Canonical) const {
  auto Sites = CallSites.find(Canonical);
  return (Sites != CallSites.end() && Sites->second >= 2) ||
         CalledInLoop.contains(Canonical) || AddressTaken.contains(Canonical) ||
         NamedToRunAgain.contains(Canonical);
}

/// The object \p Arg designates, as the variable and the fields and
/// elements reached from it (`&t[i].in` is "t[].in"); empty for anything
/// else. Two different paths designate different objects.
static std::string objectPath(const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  std::string Parts;
  while (true) {
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      Parts = "." + Member->getMemberDecl()->getNameAsString() + Parts;
      E = Member->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E)) {
      Parts = "[]" + Parts;
      E = Element->getBase()->IgnoreParenImpCasts();
    } else {
      break;
    }
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return std::string();
  return std::to_string(reinterpret_cast<uintptr_t>(Ref->getDecl())) + Parts;
}

bool HandleHolders::callsOnDistinctFreshObjects(const FunctionDecl *Canonical,
                                                unsigned ParamIndex) const {
  auto Sites = CallSites.find(Canonical);
  if (Sites == CallSites.end() || ParamIndex >= Canonical->getNumParams() ||
      !Canonical->getParamDecl(ParamIndex)->getType()->isPointerType())
    return false;
  llvm::SmallVector<const CallEdge *, 4> Callers = callersOf(Canonical);
  if (Callers.size() != Sites->second)
    return false;
  llvm::StringSet<> Seen;
  for (const CallEdge *Edge : Callers) {
    if (ParamIndex >= Edge->Arguments.size() ||
        Edge->Arguments[ParamIndex] != CallEdge::Fresh)
      return false;
    std::string Path = objectPath(Edge->Call->getArg(ParamIndex));
    if (Path.empty() || !Seen.insert(Path).second)
      return false;
  }
  return true;
}

bool HandleHolders::directlyRepeatedOn(const FunctionDecl *Canonical,
                                       unsigned ParamIndex) const {
  auto Sites = CallSites.find(Canonical);
  // Called from two places, each with an object of its own
  // (`notify_init(&t[i].in); notify_init(&t[i].out);`): not the same
  // object twice.
  if ((Sites != CallSites.end() && Sites->second >= 2 &&
       !callsOnDistinctFreshObjects(Canonical, ParamIndex)) ||
      AddressTaken.contains(Canonical) || NamedToRunAgain.contains(Canonical))
    return true;
  return calledInLoopOn(Canonical, ParamIndex);
}

void HandleHolders::propagateRepetition() {
  for (unsigned Position = 0; Position < Edges.size(); ++Position)
    EdgesByCallee[Edges[Position].Callee].push_back(Position);
  // A function called from one that runs again runs again; on the same
  // object when the caller passes on its own parameter, or a global.
  // (Each caller's parameters are judged once, not once per call it makes.)
  llvm::DenseMap<const FunctionDecl *, uint64_t> Judged;
  for (const CallEdge &Edge : Edges) {
    if (directlyRepeated(Edge.Caller))
      Repeated.insert(Edge.Caller);
    uint64_t &Done = Judged[Edge.Caller];
    for (int Source : Edge.Arguments) {
      if (Source < 0 || Source >= 64 || (Done >> Source & 1))
        continue;
      Done |= uint64_t(1) << Source;
      if (directlyRepeatedOn(Edge.Caller, Source))
        RepeatedOn[Edge.Caller] |= uint64_t(1) << Source;
    }
  }
  // Then along the edges, from each caller that gained something: only
  // the callees of a function that changed are looked at again (the
  // result is the same fixed point as sweeping every edge until nothing
  // changes, which took a pass per level of the call graph).
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 4>>
      EdgesByCaller;
  for (unsigned Position = 0; Position < Edges.size(); ++Position)
    EdgesByCaller[Edges[Position].Caller].push_back(Position);
  llvm::SmallVector<const FunctionDecl *, 64> Work;
  llvm::SmallPtrSet<const FunctionDecl *, 32> Queued;
  for (const auto &[Caller, Positions] : EdgesByCaller)
    if (Repeated.contains(Caller) || RepeatedOn.lookup(Caller))
      if (Queued.insert(Caller).second)
        Work.push_back(Caller);
  while (!Work.empty()) {
    const FunctionDecl *Caller = Work.pop_back_val();
    Queued.erase(Caller);
    auto Calls = EdgesByCaller.find(Caller);
    if (Calls == EdgesByCaller.end())
      continue; // It calls nothing here.
    bool CallerRepeats = Repeated.contains(Caller);
    uint64_t CallerOn = RepeatedOn.lookup(Caller);
    for (unsigned Position : Calls->second) {
      const CallEdge &Edge = Edges[Position];
      bool Changed = CallerRepeats && Repeated.insert(Edge.Callee).second;
      uint64_t Add = 0;
      for (unsigned I = 0; I < Edge.Arguments.size(); ++I) {
        int Source = Edge.Arguments[I];
        if ((Source >= 0 && Source < 64 && (CallerOn >> Source & 1)) ||
            (Source == CallEdge::Same && CallerRepeats))
          Add |= uint64_t(1) << I;
      }
      if (Add) {
        uint64_t &CalleeOn = RepeatedOn[Edge.Callee];
        Changed |= (CalleeOn | Add) != CalleeOn;
        CalleeOn |= Add;
      }
      if (Changed && Queued.insert(Edge.Callee).second)
        Work.push_back(Edge.Callee);
    }
  }
}

bool HandleHolders::runsRepeatedly(const FunctionDecl *Function) const {
  const FunctionDecl *Canonical = Function->getCanonicalDecl();
  return directlyRepeated(Canonical) || Repeated.contains(Canonical);
}

const CXXMethodDecl *
HandleHolders::runsOnlyWhereCalled(const FunctionDecl *Function) const {
  const auto *Method = dyn_cast<CXXMethodDecl>(Function->getCanonicalDecl());
  if (!Method || Method->isVirtual() || AddressTaken.contains(Method) ||
      NamedToRunAgain.contains(Method))
    return nullptr;
  return Method;
}

bool HandleHolders::calledOnlyFromConstructors(
    const FunctionDecl *Function) const {
  const CXXMethodDecl *Method = runsOnlyWhereCalled(Function);
  if (!Method || CalledElsewhere.contains(Method))
    return false;
  auto Callers = CalledFromConstructor.find(Method);
  if (Callers == CalledFromConstructor.end())
    return false;
  // Constructors of a class and of a class derived from it both calling
  // it: building a derived object runs it twice on the same object.
  for (const CXXRecordDecl *A : Callers->second)
    for (const CXXRecordDecl *B : Callers->second)
      if (A != B && A->hasDefinition() && B->hasDefinition() &&
          A->getDefinition()->isDerivedFrom(B->getDefinition()))
        return false;
  return true;
}

bool HandleHolders::calledOnlyOnFreshObjects(
    const FunctionDecl *Function) const {
  const CXXMethodDecl *Method = runsOnlyWhereCalled(Function);
  if (!Method || CalledOnOtherObject.contains(Method))
    return false;
  auto Sites = CallSites.find(Method);
  auto Fresh = FreshObjectCalls.find(Method);
  return Sites != CallSites.end() && Fresh != FreshObjectCalls.end() &&
         Fresh->second.size() == Sites->second;
}

bool HandleHolders::runsRepeatedlyOn(const FunctionDecl *Function,
                                     unsigned ParamIndex) const {
  const FunctionDecl *Canonical = Function->getCanonicalDecl();
  return directlyRepeatedOn(Canonical, ParamIndex) ||
         (ParamIndex < 64 && (RepeatedOn.lookup(Canonical) >> ParamIndex & 1));
}

} // namespace clang::tidy::resource
