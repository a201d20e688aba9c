//===--- HandleFlow.cpp - resource-tidy -----------------------------------===//

#include "engine/HandleFlow.h"
#include "engine/ConditionRefinement.h"
#include "engine/HandleExprs.h"
#include "engine/HandleHolders.h"
#include "engine/HandleTransfer.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <memory>

namespace clang::tidy::resource {

/// The fixed-point solver and the evidence gathering for one function.
class FunctionFlow {
public:
  FunctionFlow(const CFG &Graph, const TrackedStorage &Tracked,
               const HandleCatalog &Catalog, ASTContext &Ctx,
               SummaryProvider *Summaries, const HandleHolders *Holders)
      : Graph(Graph), Tracked(Tracked), Catalog(Catalog), Holders(Holders),
        Transfer(Catalog, Tracked, Ctx, Summaries),
        Ctx(Ctx), In(Graph.getNumBlockIDs()), Reached(Graph.getNumBlockIDs()),
        NeverFinishes(Graph.getNumBlockIDs()) {}

  void solve(const FunctionDecl *Function);
  /// The state when the function returns, or nullopt if it never does.
  std::optional<FlowState> exitState() const {
    unsigned Exit = Graph.getExit().getBlockID();
    if (!Reached.test(Exit))
      return std::nullopt;
    return In[Exit];
  }
  /// The state of \p Key when \p Function starts.
  VariableState initialState(const StorageKey &Key,
                             const FunctionDecl *Function) const;
  llvm::SmallVector<LeakFinding, 4> collectFindings();
  /// Whether overwriting storage that may only hold an earlier call's
  /// handle with this value is worth reporting.
  bool losesInheritedHandle(const Overwrite &What,
                            const StorageKey &Key) const;
  /// Whether \p Key can still hold a handle from an earlier run of this
  /// function when it starts.
  bool canInherit(const StorageKey &Key) const;
  /// Whether this function is the only one that stores handles in \p Key's
  /// storage and returns with it closed or reset on every path: then an
  /// earlier call left nothing open to inherit.
  bool closesWhatItStores(const StorageKey &Key) const;

private:
  /// Reverse post-order of the reachable blocks, from the entry.
  llvm::SmallVector<const CFGBlock *, 32> reversePostOrder() const;
  void transferBlock(const CFGBlock &Block, FlowState &State,
                     OverwriteObserver Observer = nullptr) const;
  /// Refines \p State for the edge Block -> succ #SuccIndex. Returns false
  /// when the edge cannot be taken.
  bool refineEdge(const CFGBlock &Block, unsigned SuccIndex,
                  FlowState &State) const;
  /// The state on edge Block -> succ #SuccIndex, or nullopt if infeasible.
  std::optional<FlowState> edgeState(const CFGBlock &Block,
                                     unsigned SuccIndex) const;
  void explain(LeakFinding &Finding, unsigned VarIndex,
               const CFGBlock &AssignmentBlock) const;

  const CFG &Graph;
  const TrackedStorage &Tracked;
  const HandleCatalog &Catalog;
  const HandleHolders *Holders;
  /// Mutable: collectFindings installs a release observer on it.
  HandleTransfer Transfer;
  /// The function being analysed (set by solve).
  const FunctionDecl *Function = nullptr;
  ASTContext &Ctx;
  /// Per block ID: joined state on entry. Exit states are recomputed when
  /// needed (only to explain findings), which halves the memory.
  std::vector<FlowState> In;
  llvm::BitVector Reached;
  /// Per block ID: it calls a function that never returns.
  llvm::BitVector NeverFinishes;
};

llvm::SmallVector<const CFGBlock *, 32> FunctionFlow::reversePostOrder() const {
  llvm::SmallVector<const CFGBlock *, 32> PostOrder;
  llvm::BitVector Visited(Graph.getNumBlockIDs());
  // Iterative DFS: (block, next successor index).
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Stack;
  const CFGBlock *Entry = &Graph.getEntry();
  Visited.set(Entry->getBlockID());
  Stack.push_back({Entry, 0});
  while (!Stack.empty()) {
    auto &[Block, Next] = Stack.back();
    if (Next < Block->succ_size()) {
      const CFGBlock *Succ = *(Block->succ_begin() + Next);
      ++Next;
      if (Succ && !Visited.test(Succ->getBlockID())) {
        Visited.set(Succ->getBlockID());
        Stack.push_back({Succ, 0});
      }
      continue;
    }
    PostOrder.push_back(Block);
    Stack.pop_back();
  }
  std::reverse(PostOrder.begin(), PostOrder.end());
  return PostOrder;
}

void FunctionFlow::transferBlock(const CFGBlock &Block, FlowState &State,
                                 OverwriteObserver Observer) const {
  for (const CFGElement &Element : Block)
    if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
      Transfer.apply(S->getStmt(), State, Observer);
}

bool FunctionFlow::refineEdge(const CFGBlock &Block, unsigned SuccIndex,
                              FlowState &State) const {
  if (NeverFinishes.test(Block.getBlockID()))
    return false;
  if (Block.succ_size() != 2 || SuccIndex > 1)
    return true;
  const Stmt *Terminator = Block.getTerminatorStmt();
  if (!Terminator || isa<SwitchStmt>(Terminator) ||
      !Block.getTerminatorCondition())
    return true;
  const Expr *Cond = Block.getLastCondition();
  if (!Cond)
    Cond = dyn_cast<Expr>(Block.getTerminatorCondition());
  const bool Outcome = SuccIndex == 0;
  llvm::SmallVector<ValidityFact, 2> Facts;
  collectValidityFacts(Cond, Outcome, Ctx, Facts);
  for (const ValidityFact &Fact : Facts) {
    int Index = Tracked.indexOf(Fact.Storage);
    if (Index >= 0 && !applyValidityFact(State[Index], Fact.Is))
      return false;
  }
  // A failed out-parameter acquisition wrote no handle.
  llvm::SmallVector<StatusFact, 2> Statuses;
  collectStatusFacts(Cond, Outcome, Ctx, Statuses);
  for (const StatusFact &Fact : Statuses) {
    if (Fact.Call) {
      const FunctionRole *Role = Catalog.roleOf(Fact.Call->getDirectCallee());
      if (!Role || !Role->ZeroStatusMeansAcquired)
        continue;
    }
    for (VariableState &VS : State) {
      bool Linked = Fact.StatusVar ? VS.StatusVar == Fact.StatusVar
                                   : VS.AcquiredAt == Fact.Call;
      if (Linked && !applyValidityFact(VS, Fact.Nonzero ? Validity::Invalid
                                                        : Validity::Valid))
        return false;
    }
  }
  return true;
}

std::optional<FlowState> FunctionFlow::edgeState(const CFGBlock &Block,
                                                 unsigned SuccIndex) const {
  if (!Reached.test(Block.getBlockID()))
    return std::nullopt;
  FlowState State = In[Block.getBlockID()];
  transferBlock(Block, State);
  if (!refineEdge(Block, SuccIndex, State))
    return std::nullopt;
  return State;
}

VariableState FunctionFlow::initialState(const StorageKey &Key,
                                         const FunctionDecl *Function) const {
  // A constructor starts its fields from their initializers; a field with
  // none holds an indeterminate value, not an earlier call's handle.
  if (!Key.Var && Key.Field)
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Function)) {
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isMemberInitializer() && Init->getMember() == Key.Field)
          return Transfer.stateOfAssignedValue(Init->getInit());
      return VariableState{Ctor->isDelegatingConstructor() ? Unknown
                                                           : Uninitialized};
    }
  if (Key.outlivesCall())
    return VariableState{Inherited};
  if (Key.Var && isa<ParmVarDecl>(Key.Var))
    return VariableState{Tracked.isSinkParameter(Key.Var) ? Inherited
                                                          : Unknown};
  return VariableState{Uninitialized};
}

void FunctionFlow::solve(const FunctionDecl *Function) {
  this->Function = Function;
  FlowState Initial(Tracked.size());
  for (unsigned I = 0; I < Tracked.size(); ++I)
    Initial[I] = initialState(Tracked.key(I), Function);
  const CFGBlock &Entry = Graph.getEntry();
  In[Entry.getBlockID()] = Initial;
  Reached.set(Entry.getBlockID());
  // Blocks that call a failure handler that never returns (a test
  // framework's, not declared noreturn) lead nowhere.
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
            Call && Catalog.isNoReturnCall(Call))
          NeverFinishes.set(Block->getBlockID());

  llvm::SmallVector<const CFGBlock *, 32> Order = reversePostOrder();
  llvm::BitVector Dirty(Graph.getNumBlockIDs());
  Dirty.set(Entry.getBlockID());
  // Sweeping in reverse post-order until nothing changes visits each block
  // once per pass; the lattice is finite, so this terminates.
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const CFGBlock *Block : Order) {
      unsigned ID = Block->getBlockID();
      if (!Dirty.test(ID))
        continue;
      Dirty.reset(ID);
      FlowState State = In[ID];
      transferBlock(*Block, State);
      unsigned SuccIndex = 0;
      for (const CFGBlock::AdjacentBlock &Succ : Block->succs()) {
        unsigned Index = SuccIndex++;
        const CFGBlock *Target = Succ.getReachableBlock();
        if (!Target)
          continue;
        FlowState EdgeState = State;
        if (!refineEdge(*Block, Index, EdgeState))
          continue;
        unsigned TargetID = Target->getBlockID();
        bool Grew = false;
        if (!Reached.test(TargetID)) {
          Reached.set(TargetID);
          In[TargetID] = std::move(EdgeState);
          Grew = true;
        } else {
          for (unsigned I = 0; I < Tracked.size(); ++I)
            Grew |= In[TargetID][I].join(EdgeState[I]);
        }
        if (Grew) {
          Dirty.set(TargetID);
          Changed = true;
        }
      }
    }
  }
}

void FunctionFlow::explain(LeakFinding &Finding, unsigned VarIndex,
                           const CFGBlock &AssignmentBlock) const {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Finding.AcquiredAt) {
    const Expr *OwnAcquisition = Finding.What.NewValue
                                     ? stripValueWrappers(Finding.What.NewValue)
                                     : Finding.What.Root;
    Finding.AcquiredInEarlierIteration =
        Finding.AcquiredAt == OwnAcquisition ||
        !SM.isBeforeInTranslationUnit(Finding.AcquiredAt->getBeginLoc(),
                                      Finding.What.Root->getBeginLoc());
  }
  // The branch note explains which path skipped the close: only meaningful
  // when some other path did close (or hand over) the handle.
  if (Finding.isDefinite() || !(Finding.Bits & (Released | Escaped)))
    return;

  // Walk backwards from the assignment through blocks that hand the handle
  // on still open. The nearest branch where both edges carry it open but
  // only one edge leads here is where the other path closed (or gave away)
  // the handle and this one did not.
  auto CarriesOpen = [&](const CFGBlock &From, unsigned SuccIndex) {
    std::optional<FlowState> State = edgeState(From, SuccIndex);
    return State && ((*State)[VarIndex].Bits & LeakableStates);
  };
  llvm::BitVector OnChain(Graph.getNumBlockIDs());
  OnChain.set(AssignmentBlock.getBlockID());
  std::deque<const CFGBlock *> Queue{&AssignmentBlock};
  constexpr unsigned MaxSteps = 512;
  for (unsigned Steps = 0; !Queue.empty() && Steps < MaxSteps; ++Steps) {
    const CFGBlock *Current = Queue.front();
    Queue.pop_front();
    for (const CFGBlock::AdjacentBlock &PredAdj : Current->preds()) {
      const CFGBlock *Pred = PredAdj.getReachableBlock();
      if (!Pred || OnChain.test(Pred->getBlockID()))
        continue;
      unsigned EdgeToCurrent = 0, Index = 0;
      for (const CFGBlock::AdjacentBlock &Succ : Pred->succs()) {
        if (Succ.getReachableBlock() == Current)
          EdgeToCurrent = Index;
        ++Index;
      }
      if (!CarriesOpen(*Pred, EdgeToCurrent))
        continue;
      if (Pred->succ_size() == 2 && Pred->getTerminatorCondition()) {
        unsigned Other = 1 - EdgeToCurrent;
        const CFGBlock *OtherBlock =
            (Pred->succ_begin() + Other)->getReachableBlock();
        if (OtherBlock && !OnChain.test(OtherBlock->getBlockID()) &&
            CarriesOpen(*Pred, Other)) {
          const Expr *Cond = Pred->getLastCondition();
          if (!Cond)
            Cond = dyn_cast<Expr>(Pred->getTerminatorCondition());
          if (Cond) {
            Finding.SkippingCondition = Cond;
            Finding.SkipsWhenTrue = EdgeToCurrent == 0;
            return;
          }
        }
      }
      OnChain.set(Pred->getBlockID());
      Queue.push_back(Pred);
    }
  }
}

bool FunctionFlow::canInherit(const StorageKey &Key) const {
  // Objects are reused: their methods run again and again.
  if (!Key.Var && Key.Field)
    return !isa_and_nonnull<CXXConstructorDecl>(Function);
  if (Key.Var && !Key.Field) {
    // A static local exists precisely to survive between calls; a sink
    // parameter brings the caller's handle along.
    if (Key.Var->isStaticLocal() || Tracked.isSinkParameter(Key.Var))
      return true;
  }
  // Globals and the caller's objects carry an earlier call's handle only if
  // this function runs more than once; main() and one-time initializers
  // do not.
  if (!Holders || !Function || Function->isMain())
    return false;
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Key.Var))
    return Holders->runsRepeatedlyOn(Function,
                                     Param->getFunctionScopeIndex());
  return Holders->runsRepeatedly(Function);
}

bool FunctionFlow::closesWhatItStores(const StorageKey &Key) const {
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

bool FunctionFlow::losesInheritedHandle(const Overwrite &What,
                                        const StorageKey &Key) const {
  if (!canInherit(Key))
    return false;
  // A fresh handle stored over one from an earlier call (the reconnect()
  // bug), including through an out-parameter.
  if (!What.NewValue || asAcquisition(What.NewValue, Catalog))
    return true;
  // An assignment operator replacing a handle field must release it.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    return Method->isCopyAssignmentOperator() ||
           Method->isMoveAssignmentOperator();
  // Other values (`conn_ = nullptr`, `out->stream = stderr`) are mostly
  // hand-overs and resets of storage whose handle went elsewhere.
  return false;
}

llvm::SmallVector<LeakFinding, 4> FunctionFlow::collectFindings() {
  llvm::SmallVector<LeakFinding, 4> Findings;
  // A parameter is an owning sink only if a release can see the caller's
  // value; record which ones do during this pass.
  llvm::SmallDenseSet<unsigned, 4> ReleasedInherited;
  auto RecordRelease = [&](unsigned Index) { ReleasedInherited.insert(Index); };
  Transfer.OnInheritedRelease = RecordRelease;
  llvm::SmallVector<std::pair<unsigned, const CFGBlock *>, 4> Context;
  for (const CFGBlock *Block : Graph.const_nodes()) {
    if (!Block || !Reached.test(Block->getBlockID()))
      continue;
    FlowState State = In[Block->getBlockID()];
    transferBlock(*Block, State,
                  [&](const Overwrite &What, unsigned Index,
                      const VariableState &Before) {
                    if (!(Before.Bits & LeakableStates))
                      return;
                    const StorageKey &Key = Tracked.key(Index);
                    // `fd = f(fd)` hands the old value to f: not a loss.
                    if (mentionsVariable(What.NewValue, Key.Var))
                      return;
                    if (!(Before.Bits & OpenStates) &&
                        !losesInheritedHandle(What, Key))
                      return;
                    LeakFinding Finding;
                    Finding.What = What;
                    Finding.Storage = Key;
                    if (Key.Var && !Key.Field)
                      Finding.SinkFamily = Tracked.sinkFamily(Key.Var);
                    Finding.Bits = Before.Bits;
                    Finding.AcquiredAt = Before.AcquiredAt;
                    if (Before.Bits & Released)
                      Finding.ReleasedAt = Before.ReleasedAt;
                    Findings.push_back(Finding);
                    Context.push_back({Index, Block});
                  });
  }
  Transfer.OnInheritedRelease = nullptr;
  llvm::SmallVector<LeakFinding, 4> Kept;
  for (unsigned I = 0; I < Findings.size(); ++I) {
    unsigned Index = Context[I].first;
    const StorageKey &Key = Tracked.key(Index);
    bool UnconfirmedSink = Key.Var && !Key.Field &&
                           Tracked.isSinkParameter(Key.Var) &&
                           !ReleasedInherited.count(Index);
    if (UnconfirmedSink) {
      // Not a sink after all: the caller's value is just unknown.
      Findings[I].Bits &= ~Inherited;
      if (!(Findings[I].Bits & OpenStates))
        continue;
    }
    explain(Findings[I], Index, *Context[I].second);
    Kept.push_back(Findings[I]);
  }
  return Kept;
}

struct HandleFlowAnalysis::Solved {
  TrackedStorage Tracked;
  std::unique_ptr<CFG> Graph;
  std::unique_ptr<FunctionFlow> Flow;
};

std::unique_ptr<HandleFlowAnalysis::Solved>
HandleFlowAnalysis::solve(const FunctionDecl *Function, const Stmt *Body,
                          Skipped *WhySkipped) {
  if (!Function || !Body)
    return nullptr;
  auto Result = std::make_unique<Solved>();
  Result->Tracked =
      TrackedStorage::collect(Function, Body, Catalog, Ctx, Policy);
  const TrackedStorage &Tracked = Result->Tracked;
  if (Tracked.hasErrors() && WhySkipped)
    *WhySkipped = Skipped::HasErrors;
  if (Tracked.empty() || Tracked.hasErrors())
    return nullptr;
  // Check the budget before paying for a CFG.
  if (static_cast<uint64_t>(Tracked.statementCount()) * Tracked.size() >
      Limits.MaxStatementsTimesVariables) {
    if (WhySkipped)
      *WhySkipped = Skipped::OverBudget;
    return nullptr;
  }

  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Result->Graph =
      CFG::buildCFG(Function, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Result->Graph)
    return nullptr;
  // The TU's evidence, if this function tracks storage that needs it.
  const HandleHolders *Holders = Policy.Holders;
  if (!Holders && Policy.GetHolders)
    for (unsigned I = 0; I < Tracked.size() && !Holders; ++I)
      if (Tracked.key(I).outlivesCall())
        Holders = Policy.GetHolders();
  Result->Flow = std::make_unique<FunctionFlow>(
      *Result->Graph, Tracked, Catalog, Ctx, Summaries, Holders);
  Result->Flow->solve(Function);
  return Result;
}

llvm::SmallVector<LeakFinding, 4>
HandleFlowAnalysis::analyze(const FunctionDecl *Function, const Stmt *Body,
                            Skipped *WhySkipped) {
  std::unique_ptr<Solved> Result = solve(Function, Body, WhySkipped);
  if (!Result)
    return {};
  llvm::SmallVector<LeakFinding, 4> Findings = Result->Flow->collectFindings();
  // `session() { g = socket(...); ...; close(g); }` run again finds g closed.
  llvm::erase_if(Findings, [&](const LeakFinding &Finding) {
    return Finding.isInheritedOnly() &&
           Result->Flow->closesWhatItStores(Finding.Storage);
  });
  return Findings;
}

std::optional<FunctionSummary>
HandleFlowAnalysis::summarize(const FunctionDecl *Function, const Stmt *Body) {
  std::unique_ptr<Solved> Result = solve(Function, Body);
  if (!Result)
    return std::nullopt;
  std::optional<FlowState> Exit = Result->Flow->exitState();
  FunctionSummary Summary;
  if (!Exit)
    return Summary; // Never returns: releases nothing for its callers.
  for (unsigned I = 0; I < Result->Tracked.size(); ++I) {
    const StorageKey &Key = Result->Tracked.key(I);
    if (Key.Var || !Key.Field)
      continue;
    HandleStateSet Bits = (*Exit)[I].Bits;
    // Closed or set to the invalid value: no handle from before is left.
    constexpr HandleStateSet Gone = Released | Invalid | Failed;
    if (Bits && (Bits & ~Gone) == 0)
      Summary.AlwaysReleased.push_back(Key.Field);
    else if (Bits & Gone)
      Summary.SometimesReleased.push_back(Key.Field);
  }
  return Summary;
}

} // namespace clang::tidy::resource
