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
//    handle may be there); helpers defined in the TU are summarized
//    (MethodSummaries) so `disconnect(); fd_ = ...` is understood.
//  * The CFG is built with every subexpression as an element
//    (setAllAlwaysAdd), so one pass over a block sees operands before the
//    expression that consumes them, in evaluation order.
//  * Each tracked storage carries a set of HandleStateBit values. A handle
//    is consumed where its value is used: a release call closes it, a
//    use-only call leaves it open, and anything that may take ownership
//    (stores, returns, unknown calls, captures, address-of) makes it escape.
//  * Validity tests on branch conditions refine the state per CFG edge.
//  * Blocks are visited in reverse post-order until nothing changes; a final
//    pass replays each block once and records every assignment or
//    out-parameter acquisition that may overwrite an open handle.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEFLOW_H
#define RESOURCE_TIDY_HANDLEFLOW_H

#include "engine/FunctionSummaries.h"
#include "catalog/HandleFamilies.h"
#include "engine/HandleState.h"
#include "engine/HandleTransfer.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <memory>

namespace clang::tidy::resource {

/// An assignment that may overwrite an open handle, with the evidence the
/// check needs to explain it.
struct LeakFinding {
  /// The assignment or out-parameter acquisition that loses the handle.
  Overwrite What = {nullptr, nullptr, nullptr};
  /// The storage overwritten.
  StorageKey Storage;
  /// Every state the variable may be in just before the assignment.
  HandleStateSet Bits = 0;
  /// An acquisition whose handle may still be held there.
  const Expr *AcquiredAt = nullptr;
  /// True when that acquisition reaches the assignment only through a loop
  /// back edge (the handle comes from an earlier iteration).
  bool AcquiredInEarlierIteration = false;
  /// A release on some other path, when there is one.
  const Expr *ReleasedAt = nullptr;
  /// A branch condition on whose outcome the handle stays open, if found.
  const Expr *SkippingCondition = nullptr;
  /// Which outcome of SkippingCondition skips the release.
  bool SkipsWhenTrue = false;
  /// For a sink parameter: the family this function releases it as.
  const HandleFamily *SinkFamily = nullptr;

  /// Open on every path (or open unless the acquisition failed).
  bool isDefinite() const { return (Bits & ~DefiniteLeakStates) == 0; }
  /// The only open handle it may hold comes from before this call.
  bool isInheritedOnly() const { return !(Bits & OpenStates); }
};

/// Limits that keep the analysis cheap on huge or pathological functions.
struct FlowLimits {
  /// Skip a function when statements x tracked variables exceeds this.
  unsigned MaxStatementsTimesVariables = 2'000'000;
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

  /// Every assignment in \p Function (body \p Body) that may overwrite an
  /// open handle. Empty when nothing is tracked, the body has errors, or
  /// the function is over the limits (then \p WhySkipped says which).
  llvm::SmallVector<LeakFinding, 4> analyze(const FunctionDecl *Function,
                                            const Stmt *Body,
                                            Skipped *WhySkipped = nullptr);

  /// Which fields of `*this` the method \p Function releases, read from
  /// the state at its exit; nullopt when it cannot be analysed.
  std::optional<FunctionSummary> summarize(const FunctionDecl *Function,
                                           const Stmt *Body);

private:
  /// The CFG and the solved flow for \p Function, or nothing when it is
  /// not worth or not possible to analyse.
  struct Solved;
  std::unique_ptr<Solved> solve(const FunctionDecl *Function,
                                const Stmt *Body,
                                Skipped *WhySkipped = nullptr);

  const HandleCatalog &Catalog;
  ASTContext &Ctx;
  FlowLimits Limits;
  TrackingPolicy Policy;
  SummaryProvider *Summaries;
};

/// Summaries of the methods of one translation unit, computed on demand.
class MethodSummaries : public SummaryProvider {
public:
  /// \p IsDamaged says whether a method has compile errors in it.
  MethodSummaries(const HandleCatalog &Catalog, ASTContext &Ctx,
                  FlowLimits Limits, TrackingPolicy Policy,
                  std::function<bool(const FunctionDecl *)> IsDamaged)
      : Catalog(Catalog), Ctx(Ctx), Limits(Limits), Policy(Policy),
        IsDamaged(std::move(IsDamaged)) {}
  const FunctionSummary *summaryOf(const FunctionDecl *Method) override;
  /// The policy of the analysis asking (its evidence callback changes).
  void setPolicy(const TrackingPolicy &NewPolicy) { Policy = NewPolicy; }

private:
  static constexpr unsigned MaxDepth = 3;
  const HandleCatalog &Catalog;
  ASTContext &Ctx;
  FlowLimits Limits;
  TrackingPolicy Policy;
  std::function<bool(const FunctionDecl *)> IsDamaged;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Cache;
  llvm::SmallPtrSet<const FunctionDecl *, 4> InProgress;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEFLOW_H
