//===--- ReassignmentRule.h - resource-tidy -------------------------------===//
//
// The rule of resource-unclosed-reassignment over the engine's events: an
// overwrite of storage that may still hold an open handle loses it. Storage
// that may only hold a handle from an earlier call (a member, a global, the
// caller's struct) is reported only when the function can run again and
// stores a fresh handle there; a by-value parameter counts as the caller's
// handle only if some release in the function can see it (an owning sink).
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_REASSIGNMENTRULE_H
#define RESOURCE_TIDY_REASSIGNMENTRULE_H

#include "engine/FlowEvents.h"
#include "engine/HandleFlow.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// An assignment that may overwrite an open handle, with the evidence the
/// check needs to explain it.
struct LeakFinding : LossEvidence {
  LeakFinding(const Overwrite &What, const StorageKey &Storage,
              const VariableState &Before)
      : LossEvidence(Storage, Before), What(What) {}
  /// The assignment or out-parameter acquisition that loses the handle.
  Overwrite What;
  /// True when the acquisition reaches the assignment only through a loop
  /// back edge (the handle comes from an earlier iteration).
  bool AcquiredInEarlierIteration = false;
  /// For a sink parameter: the family this function releases it as.
  const HandleFamily *SinkFamily = nullptr;

  /// The only open handle it may hold comes from before this call.
  bool isInheritedOnly() const { return !(Bits & OpenStates); }
};

/// A handle passed to a function of this translation unit that overwrites
/// its parameter with a new handle without closing it, while the caller
/// never names the handle again: the callee's assignment loses it.
struct HandOverLoss : LossEvidence {
  HandOverLoss(const CallExpr *Call, const ParameterSummary &Callee,
               const StorageKey &Storage, const VariableState &Before)
      : LossEvidence(Storage, Before), Call(Call),
        CalleeOverwrite(Callee.OverwriteSite),
        ExternalOverwrite(Callee.ExternalOverwrite) {}
  const CallExpr *Call;
  /// The assignment in the callee, or where it is in another file.
  const Expr *CalleeOverwrite;
  const ExternalSite *ExternalOverwrite;
};

/// Collects the overwrites of one function that lose a handle.
class ReassignmentRule : public FlowListener {
public:
  explicit ReassignmentRule(const FunctionAnalysis &Analysis)
      : Analysis(Analysis) {}

  /// Replays the function and returns its findings, explained, in the
  /// order of the replay (findings of one site are adjacent).
  llvm::SmallVector<LeakFinding, 4> run();

  void overwritten(const Overwrite &What, unsigned Index,
                   const VariableState &Before) override;
  void released(const Expr *Site, unsigned Index,
                const VariableState &Before) override;
  void passedToOverwriter(const CallExpr *Call, unsigned Index,
                          const VariableState &Before,
                          const ParameterSummary &Callee) override;

  /// After run(): handles lost in a callee's assignment.
  llvm::ArrayRef<HandOverLoss> handOverLosses() const { return HandOverLosses; }

private:
  /// Whether overwriting storage that may only hold an earlier call's
  /// handle with this value is worth reporting.
  bool losesInheritedHandle(const Overwrite &What, const StorageKey &Key) const;
  void explain(LeakFinding &Finding, unsigned Index,
               const CFGBlock &Block) const;
  /// Whether \p Condition only tests a flag (`if (owned)`, `if (!closed)`)
  /// this function keeps in step with a handle (FlagTests.h).
  bool isFlagTest(const Expr *Condition, const StorageKey &Key) const;
  /// Whether the overwrite in \p Block runs only while a flag that
  /// outlives the call, and that this function sets to nonzero, is unset
  /// (`if (!once) { fd = socket(...); once = 1; }`): nothing was opened.
  bool guardedByUnsetFlag(const CFGBlock &Block, const StorageKey &Key) const;
  /// Whether the overwrite \p Site runs only under a `case` of a `switch`
  /// on a state that outlives the call, which this function sets to another
  /// value (`case SOCK_BEGIN: fd = socket(...); stat = SOCK_CONN;`).
  bool guardedByStateCase(const Expr *Site, const StorageKey &Key) const;

  const FunctionAnalysis &Analysis;
  llvm::SmallVector<LeakFinding, 4> Findings;
  /// Per finding: its storage's index and the block of the overwrite.
  llvm::SmallVector<std::pair<unsigned, const CFGBlock *>, 4> Context;
  /// Storage released while it may hold the caller's value: confirms that
  /// a by-value parameter is an owning sink.
  llvm::SmallDenseSet<unsigned, 4> ReleasedInherited;
  llvm::SmallVector<HandOverLoss, 2> HandOverLosses;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_REASSIGNMENTRULE_H
