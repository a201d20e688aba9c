//===--- FlagTests.h - resource-tidy --------------------------------------===//
//
// Flags kept in step with a handle: a boolean or integer that code sets to
// a constant next to the handle's open or close (`owns = true;`, `open_ =
// false;`, `once = 1;`). A branch on such a flag is read as a test of the
// handle: the path that skips a close is the one where the flag says
// nothing is open, and an acquisition guarded by `!once` runs only while
// nothing was opened yet. The flag is kept in step more often than not.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_FLAGTESTS_H
#define RESOURCE_TIDY_FLAGTESTS_H

#include "engine/StorageKey.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace clang::tidy::resource {

class TrackedStorage;

/// A flag a condition tests: the storage, and the outcome of the
/// condition for which the flag is zero (false).
struct FlagTest {
  StorageKey Flag;
  bool ZeroWhen;
};

/// The flag \p Condition tests (through `!`, `== 0`, `!= 0`, `== false`),
/// when it is boolean or integer storage that \p Tracked does not track as
/// a handle and that is not \p Handle itself.
std::optional<FlagTest> flagTested(const Expr *Condition,
                                   const StorageKey &Handle,
                                   const TrackedStorage &Tracked,
                                   const ASTContext &Ctx);

/// Whether \p Body sets \p Flag to a constant (only a nonzero one with
/// \p NonzeroOnly) somewhere, closures aside.
bool setsFlagToConstant(const Stmt *Body, const StorageKey &Flag,
                        const ASTContext &Ctx, bool NonzeroOnly = false);
/// Whether \p Body sets \p Flag to an integer or enumerator constant that
/// \p Accept takes, closures aside.
bool setsFlagTo(const Stmt *Body, const StorageKey &Flag, const ASTContext &Ctx,
                llvm::function_ref<bool(const llvm::APSInt &)> Accept);

/// A state kept in step with a handle, as a `switch` tests it: `case
/// SOCK_BEGIN:` of `switch (sock->stat)`.
struct StateCase {
  StorageKey State;
  llvm::APSInt Value;
};
/// The state and the value under which \p Site (in \p Body) runs, when it
/// is under a `case` of a `switch` on integer storage \p Tracked does not
/// track, entered only through that case (no fall-through into it).
std::optional<StateCase> stateCaseOf(const Stmt *Site, const Stmt *Body,
                                     const TrackedStorage &Tracked,
                                     const ASTContext &Ctx);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_FLAGTESTS_H
