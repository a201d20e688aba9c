//===--- HandleState.h - resource-tidy ------------------------------------===//
//
// The lattice of the flow analysis. For each tracked variable we keep the set
// of states it may be in at a program point (a "may" analysis: join is union),
// plus one witness per interesting state so diagnostics can point at where
// the handle was opened or closed. Witnesses never decide reachability; only
// the bits do, so the fixed point depends on bits alone.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLESTATE_H
#define RESOURCE_TIDY_HANDLESTATE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace clang::tidy::resource {

/// One possible state of a tracked variable. A variable's state at a point is
/// a set of these (a bitmask).
enum HandleStateBit : uint16_t {
  /// Declared without an initializer; reading it is undefined.
  Uninitialized = 1U << 0,
  /// Known not to hold a handle: -1 / null, or tested invalid.
  Invalid = 1U << 1,
  /// Result of an acquisition not yet tested: open unless it failed.
  OpenUnchecked = 1U << 2,
  /// Open, and tested valid.
  Open = 1U << 3,
  /// Result of an acquisition that tested invalid (the acquisition failed).
  Failed = 1U << 4,
  /// Closed by a release call.
  Released = 1U << 5,
  /// Ownership went elsewhere (returned, stored, passed to unknown code).
  Escaped = 1U << 6,
  /// Holds a value the analysis does not model.
  Unknown = 1U << 7,
  /// Storage that outlives the call (a field, a global, a sink parameter):
  /// it may hold an open handle from an earlier call.
  Inherited = 1U << 8,
};

using HandleStateSet = uint16_t;

/// States in which the variable may still own an open handle.
constexpr HandleStateSet OpenStates = OpenUnchecked | Open;

/// States compatible with "definitely leaked unless the acquisition failed".
constexpr HandleStateSet DefiniteLeakStates = OpenUnchecked | Open | Failed;

/// States in which a release call inserted by a fix-it is certainly right
/// (possibly behind a validity guard).
constexpr HandleStateSet FixableStates =
    OpenUnchecked | Open | Failed | Invalid;

/// States in which an overwrite may lose an open handle.
constexpr HandleStateSet LeakableStates = OpenStates | Inherited;

/// States in which the variable is known to hold the invalid value.
constexpr HandleStateSet KnownInvalidStates = Failed | Invalid;

/// The state of one tracked variable at one program point.
struct VariableState {
  /// Set of HandleStateBit values.
  HandleStateSet Bits = 0;
  /// An acquisition call whose handle may still be held, for "opened here".
  const Expr *AcquiredAt = nullptr;
  /// A release call on some path, for "closed here on some paths".
  const Expr *ReleasedAt = nullptr;
  /// On every path, the variable holding the status of the out-parameter
  /// acquisition that produced this handle (`rv = getaddrinfo(.., &res)`):
  /// testing it tells whether the handle exists.
  const VarDecl *StatusVar = nullptr;
  /// A local flag set to a nonzero constant while the handle was open, and
  /// not changed since, on every path where the handle may be open (`in =
  /// fopen(...); found = 1;`): the flag testing zero means the handle is not
  /// open.
  const VarDecl *FlagVar = nullptr;

  /// Closes the handle at \p Site: on every path (a release call) or on
  /// some (a helper that closes conditionally). A value known to be invalid
  /// is kept: `if (fd < 0) close(fd);` releases nothing.
  void release(const Expr *Site, bool OnEveryPath = true) {
    HandleStateSet KeptInvalid = Bits & (Invalid | Failed);
    HandleStateSet Closed = (Bits & ~KeptInvalid) ? Released : 0;
    Bits = OnEveryPath ? (KeptInvalid | Closed) : (Bits | Closed);
    if (Bits & Released)
      ReleasedAt = Site;
  }

  /// A handle opened in this call, open (or failed) on every path: a copy
  /// stored elsewhere carries a fresh handle.
  bool isFresh() const {
    return AcquiredAt && (Bits & OpenStates) &&
           !(Bits & ~(OpenStates | Failed));
  }

  /// Joins \p Other into this state; returns true if anything changed.
  bool join(const VariableState &Other) {
    // The flag link must hold wherever the handle may be open; a path
    // where it is not open agrees with any link.
    const VarDecl *Flag = FlagVar;
    if (!(Bits & OpenStates))
      Flag = (Other.Bits & OpenStates) || !FlagVar ? Other.FlagVar : FlagVar;
    else if ((Other.Bits & OpenStates) && Other.FlagVar != FlagVar)
      Flag = nullptr;
    bool Changed = (Bits | Other.Bits) != Bits || Flag != FlagVar;
    FlagVar = Flag;
    Bits |= Other.Bits;
    if (!AcquiredAt && Other.AcquiredAt && (Other.Bits & OpenStates)) {
      AcquiredAt = Other.AcquiredAt;
      Changed = true;
    }
    if (!ReleasedAt && Other.ReleasedAt && (Other.Bits & Released)) {
      ReleasedAt = Other.ReleasedAt;
      Changed = true;
    }
    // The link must hold on every path; once lost it stays lost.
    if (StatusVar && StatusVar != Other.StatusVar) {
      StatusVar = nullptr;
      Changed = true;
    }
    return Changed;
  }
};

/// The state of every tracked variable, indexed densely by tracking index.
/// An empty vector means "unreachable" (bottom).
using FlowState = llvm::SmallVector<VariableState, 8>;

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLESTATE_H
