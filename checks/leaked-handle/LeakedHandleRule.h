//===--- LeakedHandleRule.h - resource-tidy -------------------------------===//
//
// The rule of resource-leaked-handle over the engine's events: a local that
// may still hold an open handle when its last reference goes away (the end
// of its scope, a `return`, a jump out of its block, the end of a loop
// iteration that declares it again) leaks the handle. Storage that
// outlives the call (fields, globals, statics, what a reference parameter
// refers to) and parameters (the caller's values) are not this rule's:
// their handle is still reachable. Handles that escaped (returned, stored,
// handed over, captured) or were released on every path are silent, and an
// overwrite that loses a handle is the reassignment rule's finding.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_LEAKEDHANDLERULE_H
#define RESOURCE_TIDY_LEAKEDHANDLERULE_H

#include "engine/FlowEvents.h"
#include "engine/HandleFlow.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// A handle whose last reference goes away while it may still be open.
struct LostHandle : LossEvidence {
  LostHandle(const Stmt *Trigger, const StorageKey &Storage,
             const VariableState &Before)
      : LossEvidence(Storage, Before), Trigger(Trigger) {}
  /// What ends the reference: a `return`, a block whose scope ends, a jump.
  const Stmt *Trigger;
};

/// Collects the handles of one function that are lost without a release.
class LeakedHandleRule : public FlowListener {
public:
  explicit LeakedHandleRule(const FunctionAnalysis &Analysis)
      : Analysis(Analysis) {}

  /// Replays the function and returns what it loses, explained.
  llvm::SmallVector<LostHandle, 4> run();

  void lastReferenceGone(const Stmt *Trigger, ReferenceLoss How, unsigned Index,
                         const VariableState &Before) override;
  void methodCalled(const Expr *Call, unsigned Index,
                    const VariableState &Before) override {
    SelfManaged.insert(Index);
  }

private:
  /// Whether the rule looks at \p Key at all.
  bool isLocalHandle(const StorageKey &Key) const;

  const FunctionAnalysis &Analysis;
  llvm::SmallVector<LostHandle, 4> Lost;
  /// Objects whose own methods were called: `session->start()` may
  /// register the object somewhere that deletes it later.
  llvm::SmallDenseSet<unsigned, 4> SelfManaged;
  /// Per finding: its storage's index and the block where it is lost.
  llvm::SmallVector<std::pair<unsigned, const CFGBlock *>, 4> Context;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_LEAKEDHANDLERULE_H
