//===--- HandleFlow.h - resource-tidy -------------------------------------===//
//
// Forward "may" dataflow over clang::CFG, one function at a time.
//
// Design, in the spirit of bugprone-use-after-move but as a fixed point:
//  * TrackedStorage picks the storage worth tracking: locals, parameters and
//    array elements that receive an acquisition, and fields, globals and
//    statics that own handles according to the TU's evidence
//    (HandleHolders). A function with none is not analysed at all.
//  * Storage that outlives the call starts as Inherited (an earlier call's
//    handle may be there) in a function that runs again (Inheritance.cpp);
//    helpers defined in the TU are summarized (SummaryCache) so
//    `disconnect(); fd_ = ...` is understood.
//  * A function's CFG is built once for its check and its summary
//    (SharedGraphs).
//  * The CFG is built with every subexpression as an element
//    (setAllAlwaysAdd), so one pass over a block sees operands before the
//    expression that consumes them, in evaluation order.
//  * Each tracked storage carries a set of HandleStateBit values. A handle
//    is consumed where its value is used: a release call closes it, a
//    use-only call leaves it open, and anything that may take ownership
//    (stores, returns, unknown calls, captures, address-of) makes it escape.
//  * Validity tests on branch conditions refine the state per CFG edge.
//  * Blocks are visited in reverse post-order until nothing changes; then
//    the engine replays each block once and tells a rule (FlowEvents.h)
//    what happens to each storage: overwritten, released, escaped, used,
//    its last reference gone. The rules live with their checks.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEFLOW_H
#define RESOURCE_TIDY_HANDLEFLOW_H

#include "catalog/HandleFamilies.h"
#include "engine/FlowEvents.h"
#include "engine/FunctionSummaries.h"
#include "engine/HandleState.h"
#include "engine/HandleTransfer.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <memory>

namespace clang::tidy::resource {

class HandleHolders;
class SummaryIndex;

/// Limits that keep the analysis cheap on huge or pathological functions.
struct FlowLimits {
  /// Skip a function when statements x tracked variables exceeds this.
  unsigned MaxStatementsTimesVariables = 2'000'000;
};

/// Where a path keeps a handle open that another path released or handed
/// over: the nearest branch whose two outcomes differ.
struct SkippedRelease {
  const Expr *Condition = nullptr;
  /// Which outcome of Condition keeps the handle open.
  bool WhenTrue = false;
};

/// What a rule knows of a handle where a path loses it: the states the
/// storage may be in just before, and the witnesses notes point at.
struct LossEvidence {
  LossEvidence() = default;
  LossEvidence(const StorageKey &Storage, const VariableState &Before)
      : Storage(Storage), Bits(Before.Bits), AcquiredAt(Before.AcquiredAt),
        ReleasedAt(Before.Bits & Released ? Before.ReleasedAt : nullptr) {}

  /// The storage that held the handle.
  StorageKey Storage;
  /// Every state it may be in just before the loss.
  HandleStateSet Bits = 0;
  /// An acquisition whose handle may still be held there.
  const Expr *AcquiredAt = nullptr;
  /// A release on some other path, when there is one.
  const Expr *ReleasedAt = nullptr;
  /// The branch on whose outcome the handle stays open, if found.
  SkippedRelease Skipped;

  /// Open on every path (or open unless the acquisition failed).
  bool isDefinite() const { return (Bits & ~DefiniteLeakStates) == 0; }
};

/// The solved flow of one function: the state of every tracked storage at
/// the entry of every block, and the questions rules ask while the engine
/// replays it.
class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionAnalysis &) = delete;
  FunctionAnalysis &operator=(const FunctionAnalysis &) = delete;
  ~FunctionAnalysis();

  /// The function analysed, or the one containing the block literal whose
  /// body is analysed.
  const FunctionDecl &function() const { return *Function; }
  /// The body analysed: the function's, or a block literal's.
  const Stmt &body() const { return *Body; }
  /// True when body() is a block literal's (`^{ ... }`), which may run at
  /// any time, not as part of function().
  bool isBlockBody() const { return Tracked.localContext() != Function; }
  const TrackedStorage &tracked() const { return Tracked; }
  const HandleCatalog &catalog() const { return Catalog; }
  ASTContext &context() const { return Ctx; }

  /// Replays every reachable block once from its solved entry state and
  /// tells \p Listener what happens, in evaluation order, block by block.
  void replay(FlowListener &Listener) const;
  /// The block being replayed, while replay() runs.
  const CFGBlock *replayBlock() const { return ReplayBlock; }

  /// The state when the function returns, or nullopt if it never does.
  std::optional<FlowState> exitState() const;
  /// The state just before \p S (an element of a reachable block) runs,
  /// or nullopt if \p S is not reached.
  std::optional<FlowState> stateBefore(const Stmt *S) const;
  /// Whether \p Key can still hold a handle from an earlier run of this
  /// function when it starts.
  bool canInherit(const StorageKey &Key) const;
  /// Whether the function is a handler (HandleHolders::isHandler).
  bool isHandler() const;
  /// Whether the function certainly runs again on \p Key's storage: a
  /// handler, a member function, a function with a global, or one a loop
  /// calls with the same object for the parameter that reaches it.
  bool runsAgainOnSameObject(const StorageKey &Key) const;
  /// Whether this function is the only one that stores handles in \p Key's
  /// storage and returns with it closed or reset on every path: then an
  /// earlier call left nothing open to inherit.
  bool closesWhatItStores(const StorageKey &Key) const;
  /// While a block is applied: whether some path from \p S (an element of
  /// the block; null for the element being applied) names \p Var again,
  /// loops included: is the variable still read after it?
  bool mentionedAfter(const Stmt *S, const VarDecl *Var) const;
  /// While a block is applied: whether \p Key's storage may be read after
  /// \p At (null: the element being applied). Storage that outlives the
  /// call always may.
  bool isReadLater(const StorageKey &Key, const Stmt *At) const;
  /// During a replay: whether the handle storage \p Index holds is also
  /// held by another storage (a copy, `int other = fd;`) that some path
  /// from \p At (or from the element being replayed) still reads, or that
  /// outlives the call. Then losing this name does not lose the handle.
  bool hasLiveAlias(unsigned Index, const Stmt *At = nullptr) const;
  /// During a replay: whether another storage, still in scope, holds the
  /// handle storage \p Index holds.
  bool hasAlias(unsigned Index) const;
  /// For storage \p Index, open on some paths into \p Block and released or
  /// handed over on others: the branch where the paths part.
  SkippedRelease explainSkippedRelease(unsigned Index,
                                       const CFGBlock &Block) const;
  /// The same where the function returns.
  SkippedRelease explainSkippedReleaseAtExit(unsigned Index) const;

private:
  friend class HandleFlowAnalysis;
  FunctionAnalysis(const FunctionDecl &Function, const Stmt &Body,
                   TrackedStorage Tracked, std::shared_ptr<const CFG> Graph,
                   bool ScopeEnds, const HandleCatalog &Catalog,
                   ASTContext &Ctx, SummaryProvider *Summaries,
                   const HandleHolders *Holders);

  void solve();
  VariableState initialState(const StorageKey &Key) const;
  /// canInherit for field \p Field of the object parameter \p ParamIndex
  /// points to: from the function's own calls, or its callers' states.
  bool inheritsThroughCallers(unsigned ParamIndex,
                              const FieldDecl *Field) const;
  /// Reverse post-order of the reachable blocks, from the entry.
  llvm::SmallVector<const CFGBlock *, 32> reversePostOrder() const;
  void transferBlock(const CFGBlock &Block, FlowState &State,
                     FlowListener *Listener = nullptr) const;
  /// True for the exception edge of a call that does not throw in
  /// practice (a C library function).
  bool isImpossibleExceptionEdge(const CFGBlock &Block,
                                 unsigned SuccIndex) const;
  /// Refines \p State for the edge Block -> succ #SuccIndex. Returns false
  /// when the edge cannot be taken.
  bool refineEdge(const CFGBlock &Block, unsigned SuccIndex,
                  FlowState &State) const;
  /// The state on edge Block -> succ #SuccIndex, or nullopt if infeasible.
  std::optional<FlowState> edgeState(const CFGBlock &Block,
                                     unsigned SuccIndex) const;

  const FunctionDecl *Function;
  const Stmt *Body;
  TrackedStorage Tracked;
  /// Shared with other analyses of the same function (SharedGraphs.h).
  std::shared_ptr<const CFG> Graph;
  /// Whether this analysis acts on the graph's scope ends (the graph may
  /// have them for another analysis).
  bool ScopeEnds;
  const HandleCatalog &Catalog;
  ASTContext &Ctx;
  const HandleHolders *Holders;
  SummaryProvider *Summaries;
  HandleTransfer Transfer;
  /// Per block ID: joined state on entry. Exit states are recomputed when
  /// needed (only to explain findings), which halves the memory.
  std::vector<FlowState> In;
  llvm::BitVector Reached;
  /// Per block ID: it calls a function that never returns.
  llvm::BitVector NeverFinishes;
  mutable const CFGBlock *ReplayBlock = nullptr;
  /// The block being applied (solving or replaying), the position of its
  /// element being applied, and during a replay the state it applies to.
  mutable const CFGBlock *CursorBlock = nullptr;
  mutable unsigned CursorPosition = 0;
  mutable const FlowState *ReplayState = nullptr;
};

/// Runs the analysis on one function at a time.
class HandleFlowAnalysis {
public:
  HandleFlowAnalysis(const HandleCatalog &Catalog, ASTContext &Ctx,
                     FlowLimits Limits = {}, TrackingPolicy Policy = {},
                     SummaryProvider *Summaries = nullptr)
      : Catalog(Catalog), Ctx(Ctx), Limits(Limits), Policy(Policy),
        Summaries(Summaries) {}

  /// Why an analysis produced nothing without looking at the flow.
  enum class Skipped { No, OverBudget, HasErrors };

  /// The solved flow of \p Function (body \p Body), or null when nothing
  /// is tracked, the body has errors, or the function is over the limits
  /// (then \p WhySkipped says which). With \p ScopeEnds the replay also
  /// reports where each local's last reference goes away.
  std::unique_ptr<FunctionAnalysis> analyze(const FunctionDecl *Function,
                                            const Stmt *Body,
                                            Skipped *WhySkipped = nullptr,
                                            bool ScopeEnds = false);

  /// What \p Function does to the fields of `*this` and to the handles in
  /// its parameters (FunctionSummaries.h); nullopt when it cannot be
  /// analysed.
  std::optional<FunctionSummary> summarize(const FunctionDecl *Function,
                                           const Stmt *Body);

private:
  const HandleCatalog &Catalog;
  ASTContext &Ctx;
  FlowLimits Limits;
  TrackingPolicy Policy;
  SummaryProvider *Summaries;
};

/// Summaries of the functions of one translation unit, computed on demand.
class SummaryCache : public SummaryProvider {
public:
  /// \p IsDamaged says whether a function has compile errors in it.
  SummaryCache(const HandleCatalog &Catalog, ASTContext &Ctx, FlowLimits Limits,
               TrackingPolicy Policy,
               std::function<bool(const FunctionDecl *)> IsDamaged)
      : Catalog(Catalog), Ctx(Ctx), Limits(Limits), Policy(Policy),
        IsDamaged(std::move(IsDamaged)) {}
  const FunctionSummary *summaryOf(const FunctionDecl *Method) override;
  const FunctionSummary *summaryOfTarget(const FunctionDecl *Method) override;
  std::optional<HandleStateSet>
  fieldStateAtCall(const FunctionDecl *Caller, const CallExpr *Call,
                   unsigned ArgIndex, const FieldDecl *Field) override;
  /// The policy of the analysis asking (its evidence callback changes).
  void setPolicy(const TrackingPolicy &NewPolicy) { Policy = NewPolicy; }
  /// Summaries of functions defined in other files (may be null).
  void setIndex(const SummaryIndex *Index) { External = Index; }
  /// With no index (checking while indexing, ShardWants): record the
  /// names of functions of other files whose summary is asked for. An ask
  /// made while a summary is computed is kept with that summary and
  /// counts whenever the summary is used; it goes to \p Sink, when set.
  void recordAsks(bool On) { RecordsAsks = On; }
  void setAskSink(llvm::StringSet<> *Sink) { AskSink = Sink; }
  /// Records \p Name as asked (into the computation in progress, if any).
  void noteAsked(llvm::StringRef Name);

private:
  static constexpr unsigned MaxDepth = 5;
  const HandleCatalog &Catalog;
  ASTContext &Ctx;
  FlowLimits Limits;
  TrackingPolicy Policy;
  /// A summary from the index, for a function not defined here.
  const FunctionSummary *externalSummaryOf(const FunctionDecl &Function);

  std::function<bool(const FunctionDecl *)> IsDamaged;
  const SummaryIndex *External = nullptr;
  bool RecordsAsks = false;
  llvm::StringSet<> *AskSink = nullptr;
  /// The asks of the computations in progress, innermost last, and those
  /// of each finished one (a summary: {Definition, null}; a field state:
  /// {Call, Field}).
  std::vector<llvm::StringSet<>> AskFrames;
  llvm::DenseMap<std::pair<const void *, const void *>, llvm::StringSet<>>
      AskedBy;
  void replayAsks(std::pair<const void *, const void *> Computation);
  void beginAsks();
  void endAsks(std::pair<const void *, const void *> Computation);
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionSummary>> Cache;
  /// fieldStateAtCall's answers, per call and field.
  llvm::DenseMap<std::pair<const CallExpr *, const FieldDecl *>,
                 std::optional<HandleStateSet>>
      FieldStates;
  llvm::SmallPtrSet<const FunctionDecl *, 4> InProgress;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEFLOW_H
