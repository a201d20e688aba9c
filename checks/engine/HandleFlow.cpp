//===--- HandleFlow.cpp - resource-tidy -----------------------------------===//

#include "engine/HandleFlow.h"
#include "engine/ConditionRefinement.h"
#include "engine/HandleExprs.h"
#include "engine/HandleHolders.h"
#include "engine/HandleTransfer.h"
#include "engine/SharedGraphs.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include <deque>
#include <memory>

namespace clang::tidy::resource {

FunctionAnalysis::FunctionAnalysis(const FunctionDecl &Function,
                                   const Stmt &Body, TrackedStorage TrackedIn,
                                   std::shared_ptr<const CFG> GraphIn,
                                   bool ScopeEnds, const HandleCatalog &Catalog,
                                   ASTContext &Ctx, SummaryProvider *Summaries,
                                   const HandleHolders *Holders)
    : Function(&Function), Body(&Body), Tracked(std::move(TrackedIn)),
      Graph(std::move(GraphIn)), ScopeEnds(ScopeEnds), Catalog(Catalog),
      Ctx(Ctx), Holders(Holders), Summaries(Summaries),
      Transfer(Catalog, Tracked, Ctx, Summaries), In(Graph->getNumBlockIDs()),
      Reached(Graph->getNumBlockIDs()), NeverFinishes(Graph->getNumBlockIDs()) {
  if (Tracked.hasCopies())
    Transfer.setReadLater(
        [this](const StorageKey &Key) { return isReadLater(Key, nullptr); });
}

FunctionAnalysis::~FunctionAnalysis() = default;

std::optional<FlowState> FunctionAnalysis::exitState() const {
  unsigned Exit = Graph->getExit().getBlockID();
  if (!Reached.test(Exit))
    return std::nullopt;
  return In[Exit];
}

std::optional<FlowState> FunctionAnalysis::stateBefore(const Stmt *S) const {
  for (const CFGBlock *Block : Graph->const_nodes()) {
    if (!Block || !Reached.test(Block->getBlockID()))
      continue;
    auto Position = llvm::find_if(*Block, [&](const CFGElement &Element) {
      std::optional<CFGStmt> Each = Element.getAs<CFGStmt>();
      return Each && Each->getStmt() == S;
    });
    if (Position == Block->end())
      continue;
    FlowState State = In[Block->getBlockID()];
    for (auto It = Block->begin(); It != Position; ++It)
      if (std::optional<CFGStmt> Each = It->getAs<CFGStmt>())
        Transfer.apply(Each->getStmt(), State);
    return State;
  }
  return std::nullopt;
}

llvm::SmallVector<const CFGBlock *, 32>
FunctionAnalysis::reversePostOrder() const {
  llvm::SmallVector<const CFGBlock *, 32> PostOrder;
  llvm::BitVector Visited(Graph->getNumBlockIDs());
  // Iterative DFS: (block, next successor index).
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Stack;
  const CFGBlock *Entry = &Graph->getEntry();
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

void FunctionAnalysis::transferBlock(const CFGBlock &Block, FlowState &State,
                                     FlowListener *Listener) const {
  CursorBlock = &Block;
  CursorPosition = 0;
  if (Listener)
    ReplayState = &State;
  for (const CFGElement &Element : Block) {
    if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>()) {
      Transfer.apply(S->getStmt(), State, Listener);
      ++CursorPosition;
      continue;
    }
    ++CursorPosition;
    // A local's scope ends (only when the CFG was built with lifetimes):
    // its last name goes away, and it holds nothing any more.
    std::optional<CFGLifetimeEnds> Ends = Element.getAs<CFGLifetimeEnds>();
    if (!Ends || !ScopeEnds)
      continue;
    llvm::SmallVector<unsigned, 2> Parts;
    Tracked.indexesReachedBy(StorageKey{Ends->getVarDecl(), -1}, Parts);
    for (unsigned Index : Parts) {
      if (Listener)
        Listener->lastReferenceGone(Ends->getTriggerStmt(),
                                    ReferenceLoss::ScopeEnd, Index,
                                    State[Index]);
      if (Tracked.hasCopies())
        State[Index] = VariableState{Uninitialized};
    }
  }
}

bool FunctionAnalysis::isImpossibleExceptionEdge(const CFGBlock &Block,
                                                 unsigned SuccIndex) const {
  // With exception edges, a call that may throw ends its block and has the
  // `try`'s dispatch block as a successor.
  const CFGBlock *Target =
      (Block.succ_begin() + SuccIndex)->getReachableBlock();
  if (!Target || !isa_and_nonnull<CXXTryStmt>(Target->getTerminatorStmt()) ||
      Block.empty())
    return false;
  // (Scope ends this analysis ignores are not there for it.)
  auto LastElement = Block.rbegin();
  while (!ScopeEnds && LastElement != Block.rend() &&
         LastElement->getAs<CFGLifetimeEnds>())
    ++LastElement;
  if (LastElement == Block.rend())
    return false;
  std::optional<CFGStmt> Last = LastElement->getAs<CFGStmt>();
  const auto *Call = Last ? dyn_cast<CallExpr>(Last->getStmt()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  // A C function (close, write: not noexcept, since thread cancellation
  // unwinds through them) or a function the catalog knows does not throw
  // the exceptions a handler is written for.
  return Callee && (Callee->isExternC() || Callee->isInExternCContext() ||
                    Catalog.roleOf(Callee));
}

bool FunctionAnalysis::refineEdge(const CFGBlock &Block, unsigned SuccIndex,
                                  FlowState &State) const {
  if (NeverFinishes.test(Block.getBlockID()))
    return false;
  if (isImpossibleExceptionEdge(Block, SuccIndex))
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
  collectValidityFacts(Cond, Outcome, Ctx, Facts, &Catalog);
  for (const ValidityFact &Fact : Facts) {
    int Index = Tracked.indexOf(Fact.Storage);
    if (Index >= 0 && !applyValidityFact(State[Index], Fact.Is))
      return false;
  }
  // A failed out-parameter acquisition wrote no handle. Status facts only
  // act on states linked to a status variable, a flag or an acquisition.
  if (llvm::none_of(State, [](const VariableState &VS) {
        return VS.StatusVar || VS.FlagVar || VS.AcquiredAt;
      }))
    return true;
  llvm::SmallVector<StatusFact, 2> Statuses;
  // A fact acts only on a state linked to its variable or call (below).
  collectStatusFacts(Cond, Outcome, Ctx, Statuses, [&](const StatusFact &Fact) {
    return llvm::any_of(State, [&](const VariableState &VS) {
      return Fact.StatusVar ? VS.StatusVar == Fact.StatusVar ||
                                  VS.FlagVar == Fact.StatusVar
                            : VS.AcquiredAt == Fact.Call;
    });
  });
  for (const StatusFact &Fact : Statuses) {
    if (Fact.Call) {
      const FunctionRole *Role = Catalog.roleOf(Fact.Call->getDirectCallee());
      if (!Role || !Role->ZeroStatusMeansAcquired)
        continue;
    }
    // A flag kept in step with the handle reads zero: it is not open.
    if (Fact.StatusVar && !Fact.Nonzero)
      for (VariableState &VS : State)
        if (VS.FlagVar == Fact.StatusVar) {
          if (VS.Bits && !(VS.Bits & ~OpenStates))
            return false;
          VS.Bits &= ~OpenStates;
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

std::optional<FlowState> FunctionAnalysis::edgeState(const CFGBlock &Block,
                                                     unsigned SuccIndex) const {
  if (!Reached.test(Block.getBlockID()))
    return std::nullopt;
  FlowState State = In[Block.getBlockID()];
  transferBlock(Block, State);
  if (!refineEdge(Block, SuccIndex, State))
    return std::nullopt;
  return State;
}

VariableState FunctionAnalysis::initialState(const StorageKey &Key) const {
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
  // A lambda's by-reference capture (tracked to summarize the lambda)
  // holds what the enclosing function had there.
  if (Key.Var && !Key.Var->hasGlobalStorage() &&
      owningContext(Key.Var) != Tracked.localContext())
    return VariableState{Inherited};
  if (Key.Var && isa<ParmVarDecl>(Key.Var))
    return VariableState{Tracked.isSinkParameter(Key.Var) ||
                                 Tracked.startsWithCallerValue(Key.Var)
                             ? Inherited
                             : Unknown};
  return VariableState{Uninitialized};
}

void FunctionAnalysis::solve() {
  FlowState Initial(Tracked.size());
  for (unsigned I = 0; I < Tracked.size(); ++I)
    Initial[I] = initialState(Tracked.key(I));
  const CFGBlock &Entry = Graph->getEntry();
  In[Entry.getBlockID()] = Initial;
  Reached.set(Entry.getBlockID());
  // Blocks that call a function that never returns (`abort()`, a failed
  // `assert`, and a test framework's failure handler not declared
  // noreturn) lead nowhere: the CFG links them to the exit, but nothing of
  // their state reaches it.
  for (const CFGBlock *Block : *Graph) {
    if (Block->hasNoReturnElement())
      NeverFinishes.set(Block->getBlockID());
    for (const CFGElement &Element : *Block)
      if (std::optional<CFGStmt> S = Element.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
            Call && Catalog.isNoReturnCall(Call))
          NeverFinishes.set(Block->getBlockID());
  }

  llvm::SmallVector<const CFGBlock *, 32> Order = reversePostOrder();
  llvm::BitVector Dirty(Graph->getNumBlockIDs());
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

SkippedRelease
FunctionAnalysis::explainSkippedRelease(unsigned VarIndex,
                                        const CFGBlock &AssignmentBlock) const {
  // Walk backwards from the assignment through blocks that hand the handle
  // on still open. The nearest branch where both edges carry it open but
  // only one edge leads here is where the other path closed (or gave away)
  // the handle and this one did not.
  auto CarriesOpen = [&](const CFGBlock &From, unsigned SuccIndex) {
    std::optional<FlowState> State = edgeState(From, SuccIndex);
    return State && ((*State)[VarIndex].Bits & LeakableStates);
  };
  llvm::BitVector OnChain(Graph->getNumBlockIDs());
  OnChain.set(AssignmentBlock.getBlockID());
  std::deque<const CFGBlock *> Queue{&AssignmentBlock};
  constexpr unsigned MaxSteps = 512;
  SkippedRelease FirstLoop;
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
          // A loop's condition only says the loop ended; a branch inside
          // the loop that skipped the release explains more.
          bool LoopCondition =
              isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(
                  Pred->getTerminatorStmt());
          if (Cond && !LoopCondition)
            return SkippedRelease{Cond, EdgeToCurrent == 0};
          if (Cond && !FirstLoop.Condition)
            FirstLoop = SkippedRelease{Cond, EdgeToCurrent == 0};
        }
      }
      OnChain.set(Pred->getBlockID());
      Queue.push_back(Pred);
    }
  }
  return FirstLoop;
}

SkippedRelease
FunctionAnalysis::explainSkippedReleaseAtExit(unsigned Index) const {
  return explainSkippedRelease(Index, Graph->getExit());
}

bool FunctionAnalysis::mentionedAfter(const Stmt *S, const VarDecl *Var) const {
  if (!CursorBlock)
    return true;
  auto Names = [&](const CFGElement &Element) {
    std::optional<CFGStmt> Each = Element.getAs<CFGStmt>();
    const auto *Ref = Each ? dyn_cast<DeclRefExpr>(Each->getStmt()) : nullptr;
    return Ref && Ref->getDecl() == Var;
  };
  // The rest of the block (after S, or after the element being applied),
  // then every block reachable from it (the block itself again through a
  // loop).
  unsigned Start = CursorPosition + 1, Position = 0;
  for (const CFGElement &Element : *CursorBlock) {
    ++Position;
    if (std::optional<CFGStmt> Each = Element.getAs<CFGStmt>();
        S && Each && Each->getStmt() == S)
      Start = Position;
  }
  Position = 0;
  for (const CFGElement &Element : *CursorBlock)
    if (Position++ >= Start && Names(Element))
      return true;
  llvm::BitVector Seen(Graph->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work;
  auto Push = [&](const CFGBlock &From) {
    for (const CFGBlock::AdjacentBlock &Succ : From.succs())
      if (const CFGBlock *Next = Succ.getReachableBlock();
          Next && !Seen.test(Next->getBlockID())) {
        Seen.set(Next->getBlockID());
        Work.push_back(Next);
      }
  };
  Push(*CursorBlock);
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (llvm::any_of(*Block, Names))
      return true;
    Push(*Block);
  }
  return false;
}

bool FunctionAnalysis::isReadLater(const StorageKey &Key,
                                   const Stmt *At) const {
  // Storage that outlives the call keeps naming it; a local (or a member
  // of a local struct or union) does while some path still reads it.
  bool LocalRecordMember = Key.Field && Key.Var && Key.Index < 0 &&
                           Key.Var->getType()->isRecordType();
  return Key.outlivesCall() || (Key.Field && !LocalRecordMember) ||
         Key.Index >= 0 || !Key.Var || mentionedAfter(At, Key.Var);
}

bool FunctionAnalysis::hasLiveAlias(unsigned Index, const Stmt *At) const {
  if (!ReplayState)
    return false;
  return llvm::any_of(
      aliasesOf(Index, *ReplayState, Tracked),
      [&](unsigned Other) { return isReadLater(Tracked.key(Other), At); });
}

bool FunctionAnalysis::hasAlias(unsigned Index) const {
  return ReplayState && !aliasesOf(Index, *ReplayState, Tracked).empty();
}

void FunctionAnalysis::replay(FlowListener &Listener) const {
  for (const CFGBlock *Block : Graph->const_nodes()) {
    if (!Block || !Reached.test(Block->getBlockID()))
      continue;
    ReplayBlock = Block;
    FlowState State = In[Block->getBlockID()];
    transferBlock(*Block, State, &Listener);
  }
  ReplayBlock = nullptr;
  ReplayState = nullptr;
  CursorBlock = nullptr;
}

std::unique_ptr<FunctionAnalysis>
HandleFlowAnalysis::analyze(const FunctionDecl *Function, const Stmt *Body,
                            Skipped *WhySkipped, bool ScopeEnds) {
  if (!Function || !Body)
    return nullptr;
  TrackedStorage Tracked =
      TrackedStorage::collect(Function, Body, Catalog, Ctx, Policy);
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

  // A call that may throw inside a `try` leads to its handlers (which are
  // unreachable otherwise). Only functions with a `try` pay for the extra
  // blocks; C and -fno-exceptions code never does.
  const bool ExceptionEdges =
      Tracked.hasTry() && Ctx.getLangOpts().CXXExceptions;
  // A block literal's body is built as the block's (no constructor
  // initializers, no parameters of the enclosing function).
  const Decl *Owner =
      Policy.Block ? static_cast<const Decl *>(Policy.Block) : Function;
  std::shared_ptr<const CFG> Graph;
  if (Policy.Graphs && (Policy.Graphs->hasScopeEnds() || !ScopeEnds)) {
    Graph = Policy.Graphs->get(Owner, Body, ExceptionEdges, Ctx);
  } else {
    CFG::BuildOptions Options =
        SharedGraphs::options(ScopeEnds, ExceptionEdges);
    Graph = CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Ctx, Options);
  }
  if (!Graph)
    return nullptr;
  // The TU's evidence, if this function tracks storage that needs it.
  const HandleHolders *Holders = Policy.Holders;
  if (!Holders && Policy.GetHolders)
    for (unsigned I = 0; I < Tracked.size() && !Holders; ++I)
      if (Tracked.key(I).outlivesCall())
        Holders = Policy.GetHolders();
  std::unique_ptr<FunctionAnalysis> Result(new FunctionAnalysis(
      *Function, *Body, std::move(Tracked), std::move(Graph), ScopeEnds,
      Catalog, Ctx, Summaries, Holders));
  Result->solve();
  return Result;
}

} // namespace clang::tidy::resource
