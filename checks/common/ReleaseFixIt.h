//===--- ReleaseFixIt.h - resource-tidy -----------------------------------===//
//
// Builds the fix-it that releases the old handle before the assignment that
// would leak it. It refuses (returns nothing) whenever the edit might not be
// right: macros, assignments that are not statements of their own (loop
// conditions, for-init, comma expressions), a release function that is not
// declared here or takes more than the handle, one whose name a local
// variable hides in C, an object whose destructor or release method the
// function cannot call.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_RELEASEFIXIT_H
#define RESOURCE_TIDY_RELEASEFIXIT_H

#include "catalog/HandleFamilies.h"
#include "engine/HandleState.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// One release to insert: `release(Handle);`, guarded by a validity test
/// when NeedsGuard.
struct ReleaseAction {
  /// The storage as written: "fd", "fds[0]".
  std::string Handle;
  const HandleFamily *Family;
  bool NeedsGuard;
  /// Whether the storage is a pointer (for families whose invalid value is
  /// inferred from the type).
  bool IsPointer;
  /// The storage's type (a pointer to the object, for `delete`).
  QualType Type;
};

/// The release a fix-it may insert for \p Storage in states \p Bits, or
/// nullopt when no fix is certainly right: some path already released or
/// gave away the handle, or the storage may be uninitialized.
std::optional<ReleaseAction> releaseActionFor(const StorageKey &Storage,
                                              HandleStateSet Bits,
                                              const HandleFamily *Family,
                                              const ASTContext &Ctx);

/// Called with a release function that cannot take the handle alone
/// (`munmap(p, len)` configured as a releaser): no fix calls it.
using UnfitReleaseHandler =
    llvm::function_ref<void(const FunctionDecl &Release)>;

/// Edits inserting \p Releases before the statement made of \p Root (an
/// assignment, an acquisition call, a `return`), or an empty list when no
/// certainly-correct edit exists. \p SiteLoc is where the overwrite happens
/// (the `=`). \p Parents maps the statements of \p Function's body to
/// their parents.
llvm::SmallVector<FixItHint, 2>
buildReleaseFix(const Stmt &Root, SourceLocation SiteLoc,
                llvm::ArrayRef<ReleaseAction> Releases,
                const FunctionDecl &Function, const ParentMap &Parents,
                ASTContext &Ctx, UnfitReleaseHandler OnUnfitRelease = nullptr);

/// Edits inserting \p Releases as the last statements of \p Block, before
/// its closing brace, or an empty list when no certainly-correct edit
/// exists.
llvm::SmallVector<FixItHint, 2>
buildReleaseAtBlockEnd(const CompoundStmt &Block,
                       llvm::ArrayRef<ReleaseAction> Releases,
                       const FunctionDecl &Function, ASTContext &Ctx,
                       UnfitReleaseHandler OnUnfitRelease = nullptr);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_RELEASEFIXIT_H
