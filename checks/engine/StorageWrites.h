//===--- StorageWrites.h - resource-tidy ----------------------------------===//
//
// The one place that says which statements write storage, and how: an
// assignment (`=` or an object's operator=), `reset()`, `std::exchange`,
// `std::swap`, `std::tie(...) =`, an acquisition's out-parameter, a
// declaration's initializer, an insertion into a container of handles.
// The tracking pre-pass, the TU-wide storage evidence and the transfer
// function all read writes from here, so they cannot disagree about what
// overwrites a handle.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_STORAGEWRITES_H
#define RESOURCE_TIDY_STORAGEWRITES_H

#include "catalog/HandleFamilies.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

enum class WriteKind {
  /// `x = v`, or `x = v` through operator=.
  Assign,
  /// `x.reset(v)` or `x.reset()`: the old object is dropped; also
  /// `v.clear()` of a container of handles (HandleContainers.h).
  Reset,
  /// `std::exchange(x, v)`: the old value goes to the caller of exchange.
  Exchange,
  /// `std::swap(x, y)`: each side gets the other's value.
  Swap,
  /// An acquisition writing its handle through an argument (`&db`, `fds`).
  OutParameter,
  /// A declared variable's initializer.
  Initialize,
  /// `std::tie(a, b) = v`: each tied variable gets one element of v (Value
  /// is that element when v spells it, `std::make_pair(socket(...), 0)`).
  Unpack,
  /// `v.push_back(f)`, `m[k] = f`: one more handle in a local container of
  /// handles (HandleContainers.h); Target names the container. What the
  /// container held stays in it.
  Insert,
  /// `bufferevent_setfd(bev, fd)`: the handle the library object Target
  /// points to holds is replaced by Value (HeldSlot); the old one is
  /// dropped, or first closed when Held says so (`bufferevent_replacefd`).
  Hold,
};

/// One write a statement performs.
struct StorageWrite {
  WriteKind Kind;
  /// The expression naming the storage written: the left side, the object
  /// of reset(), the first argument of exchange/swap, the out-argument.
  /// Null for Initialize.
  const Expr *Target = nullptr;
  /// The initialized variable, for Initialize.
  const VarDecl *Var = nullptr;
  /// What is stored: the right side, reset()'s or exchange's argument, the
  /// initializer. Null for reset() without argument and out-parameters.
  const Expr *Value = nullptr;
  /// For Swap: the second argument.
  const Expr *Other = nullptr;
  /// The expression that writes (the assignment, the call); null for
  /// Initialize.
  const Expr *Site = nullptr;
  /// For OutParameter: the acquisition's role.
  const FunctionRole *Role = nullptr;
  /// For Hold: what the call does to the held handle.
  const HeldAccess *Held = nullptr;
};

/// True for `std::tie(a, b)`: it only names its arguments.
bool isStdTie(const CallExpr *Call);

/// The writes \p S performs itself (its subexpressions' writes are theirs).
llvm::SmallVector<StorageWrite, 2> writesOf(const Stmt *S,
                                            const HandleCatalog &Catalog);

/// The storage \p Write writes: the target's key, every handle an
/// out-argument receives, the initialized variable, or the handle an object
/// holds. Empty when the target is not storage the analysis can name.
llvm::SmallVector<StorageKey, 2> keysWritten(const StorageWrite &Write,
                                             const ASTContext &Ctx);

/// The handle of \p Slot held by the object \p Object points to
/// (`c->bev`, `bev`), when the analysis can name that storage.
std::optional<StorageKey> heldKeyOf(const Expr *Object, const HeldSlot *Slot,
                                    const ASTContext &Ctx);

/// Calls \p Visit with each field and array element of \p Var one level
/// down, and each element of an array field (at most \p MaxElements per
/// array: handle arrays are short, a pipe's two ends).
void forEachPartOf(const VarDecl &Var, const ASTContext &Ctx,
                   llvm::function_ref<void(const StorageKey &)> Visit,
                   uint64_t MaxElements = 16);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_STORAGEWRITES_H
