//===--- ConditionRefinement.h - resource-tidy ----------------------------===//
//
// Branch conditions that test a handle's validity (`fd < 0`, `!fp`,
// `fp == NULL`, `fd != -1`, ...) tell us, on each outgoing edge, whether the
// handle can be open. Refining the state per edge is what makes
// `if (fd >= 0) close(fd); fd = socket(...);` silent without path
// enumeration, and what prunes edges that cannot be taken at all.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_CONDITIONREFINEMENT_H
#define RESOURCE_TIDY_CONDITIONREFINEMENT_H

#include "catalog/HandleFamilies.h"
#include "engine/HandleState.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::resource {

/// What a condition being true or false says about one variable.
/// Unset: a descriptor compared equal to 0 (`if (0 == fd)`, `if (!fd)`):
/// 0 is a valid descriptor, but storage tested for it uses 0 as "nothing
/// here yet", so what an earlier call left is not a handle there.
enum class Validity { Valid, Invalid, Unset };

/// A validity fact implied by taking one edge of a branch.
struct ValidityFact {
  StorageKey Storage;
  Validity Is;
};

/// Appends the validity facts implied by \p Cond evaluating to \p Outcome.
/// Facts are only produced for conditions we understand; anything else
/// yields nothing (no refinement), which is always sound for a may-analysis.
/// With \p Catalog, a comparison with a family's invalid-value call
/// (`c != chan_none()`) is a validity test too.
void collectValidityFacts(const Expr *Cond, bool Outcome, const ASTContext &Ctx,
                          llvm::SmallVectorImpl<ValidityFact> &Facts,
                          const HandleCatalog *Catalog = nullptr);

/// What a branch says about the status an out-parameter acquisition
/// returned: held in a variable (`rv` after `rv = getaddrinfo(...)`) or
/// tested directly (`if (pipe(fds) != 0)`).
struct StatusFact {
  const VarDecl *StatusVar = nullptr;
  const CallExpr *Call = nullptr;
  /// True: the status is nonzero (failure); false: it is zero (success).
  bool Nonzero = false;
};

/// Appends the status facts implied by \p Cond evaluating to \p Outcome.
/// With \p Relevant, a comparison neither of whose sides is a subject it
/// accepts is not evaluated (its fact could only be one it does not want).
void collectStatusFacts(
    const Expr *Cond, bool Outcome, const ASTContext &Ctx,
    llvm::SmallVectorImpl<StatusFact> &Facts,
    llvm::function_ref<bool(const StatusFact &)> Relevant = nullptr);

/// Applies \p Fact to \p State. Returns false if the fact contradicts every
/// state the variable may be in, meaning the edge cannot be taken.
bool applyValidityFact(VariableState &State, Validity Is);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_CONDITIONREFINEMENT_H
