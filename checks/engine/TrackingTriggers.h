//===--- TrackingTriggers.h - resource-tidy -------------------------------===//
//
// What can give the check's tracking pre-pass (TrackingScanner, under the
// policy the check analyses a function with) anything to track: a write of
// an acquisition, a reset of a file-local global, an out-parameter or held
// handle, a release of a by-value parameter, an out-argument a same-TU
// function may fill, a lambda capturing by reference, code with errors.
// Each test is wider than the pre-pass's: where none holds anywhere in a
// body, the pre-pass would track nothing there, and is not run.
//
// The holder evidence's walk asks these questions of every statement of
// the TU it visits anyway (HandleHolders::isQuiet); most functions of a
// large TU handle no resource at all.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_TRACKINGTRIGGERS_H
#define RESOURCE_TIDY_TRACKINGTRIGGERS_H

#include "catalog/HandleFamilies.h"
#include "engine/StorageWrites.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::resource {

class TrackingTriggers {
public:
  /// \p MayFill as TrackingPolicy::MayFill; \p HasIndex: functions without
  /// a body here may be summarized by the summary index.
  TrackingTriggers(
      const HandleCatalog &Catalog, const ASTContext &Ctx,
      llvm::function_ref<bool(const FunctionDecl *, unsigned)> MayFill,
      bool HasIndex)
      : Catalog(Catalog), Ctx(Ctx), MayFill(MayFill), HasIndex(HasIndex) {}

  /// Whether \p Write, in the body of \p Function, may be tracked.
  bool writeMayTrack(const StorageWrite &Write,
                     const FunctionDecl *Function) const;
  /// Whether \p Call may be: an argument it releases is a by-value
  /// parameter (an owning sink), or an argument it may fill is a local.
  bool callMayTrack(const CallExpr *Call) const;
  /// Whether \p Lambda captures a variable by reference.
  static bool lambdaMayTrack(const LambdaExpr *Lambda);

private:
  bool mayFillArgument(const CallExpr *Call) const;

  const HandleCatalog &Catalog;
  const ASTContext &Ctx;
  llvm::function_ref<bool(const FunctionDecl *, unsigned)> MayFill;
  bool HasIndex;
};

/// Follows a walk of the TU through the function bodies it visits, and
/// notes in Quiet each body where no trigger held (its definition).
class QuietBodies {
public:
  QuietBodies(const TrackingTriggers &Triggers,
              llvm::DenseSet<const FunctionDecl *> &Quiet)
      : Triggers(Triggers), Quiet(Quiet) {}

  struct Outer {
    const FunctionDecl *Body;
    bool Triggered;
  };
  /// The walk enters the body of \p Function; returns what leave() needs.
  Outer enter(const FunctionDecl *Function);
  void leave(const FunctionDecl *Function, Outer Saved);
  /// The walk skips a declaration inside the current body: what it holds
  /// is not known.
  void skipped() { Triggered = Triggered || Body; }
  void visit(const Stmt *S, llvm::ArrayRef<StorageWrite> Writes);
  void visitCall(const CallExpr *Call);
  void visitLambda(const LambdaExpr *Lambda);

private:
  bool watching() const { return Body && !Triggered; }

  const TrackingTriggers &Triggers;
  llvm::DenseSet<const FunctionDecl *> &Quiet;
  const FunctionDecl *Body = nullptr;
  bool Triggered = false;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_TRACKINGTRIGGERS_H
