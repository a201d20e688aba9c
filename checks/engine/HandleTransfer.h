//===--- HandleTransfer.h - resource-tidy ---------------------------------===//
//
// The transfer function: what one CFG element does to the tracked state.
// Elements arrive in evaluation order with every subexpression present, so
// each statement only inspects its direct operands: the *consumer* of a
// storage's value decides what happens to the handle (a release call closes
// it, a store makes it escape, a comparison just reads it).
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLETRANSFER_H
#define RESOURCE_TIDY_HANDLETRANSFER_H

#include "engine/FunctionSummaries.h"
#include "catalog/HandleFamilies.h"
#include "engine/HandleState.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::resource {

/// Something that replaces the value of a tracked storage.
struct Overwrite {
  /// The `=` (BinaryOperator), or the out-argument (`&db`, `fds`) of an
  /// acquisition call.
  const Expr *Site;
  /// The statement-level expression to place a fix before: the assignment
  /// or the call.
  const Expr *Root;
  /// The value stored, for assignments; null for out-parameters.
  const Expr *NewValue;
};

/// Called just before an overwrite of tracked storage \p Index takes effect.
using OverwriteObserver = llvm::function_ref<void(
    const Overwrite &What, unsigned Index, const VariableState &Before)>;

class HandleTransfer {
public:
  HandleTransfer(const HandleCatalog &Catalog, const TrackedStorage &Tracked,
                 const ASTContext &Ctx, SummaryProvider *Summaries = nullptr)
      : Catalog(Catalog), Tracked(Tracked), Ctx(Ctx), Summaries(Summaries) {}

  /// Applies the effect of \p S to \p State. \p Observer, when given, sees
  /// every overwrite of tracked storage before it takes effect.
  void apply(const Stmt *S, FlowState &State,
             OverwriteObserver Observer = nullptr) const;

  /// The state storage has after being assigned \p Value.
  VariableState stateOfAssignedValue(const Expr *Value) const;

  /// When set, receives the index of every storage released while it may
  /// still hold a value from before the call (confirms sink parameters).
  llvm::function_ref<void(unsigned Index)> OnInheritedRelease = nullptr;

private:
  void applyAssignment(const BinaryOperator *BO, FlowState &State,
                       OverwriteObserver Observer) const;
  void applyDeclaration(const DeclStmt *DS, FlowState &State) const;
  void applyCall(const CallExpr *Call, FlowState &State,
                 OverwriteObserver Observer) const;
  /// `Target = NewValue` through operator= or reset() (NewValue may be null
  /// for a plain reset()).
  void applyObjectOverwrite(const CallExpr *Call, const Expr *Target,
                            const Expr *NewValue, FlowState &State,
                            OverwriteObserver Observer) const;

  /// `Whole = NewValue` on a struct or array whose fields or elements are
  /// tracked: each tracked part gets its part of the new value.
  void overwriteParts(const Expr *Site, const StorageKey &Whole,
                      const Expr *NewValue, FlowState &State,
                      OverwriteObserver Observer) const;

  /// \p StatusVar now holds \p Value: if that is the status of an
  /// out-parameter acquisition, link the handles it wrote to it.
  void linkStatus(const VarDecl *StatusVar, const Expr *Value,
                  FlowState &State) const;
  /// Indexes of the tracked storage whose value \p E may yield.
  llvm::SmallVector<unsigned, 2> sourcesOf(const Expr *E) const;
  /// Marks every tracked storage whose value \p E may yield as escaped,
  /// except \p Keep.
  void escapeSources(const Expr *E, FlowState &State,
                     std::optional<StorageKey> Keep = std::nullopt) const;
  /// Marks every tracked storage whose value \p E may yield as released.
  void releaseSources(const Expr *E, FlowState &State,
                      const Expr *Site) const;
  /// Sets every tracked storage whose value \p E may yield to Unknown.
  void forgetSources(const Expr *E, FlowState &State) const;

  /// `obj.helper()` with a summary: the fields it releases are released.
  void applySummary(const CXXMemberCallExpr *Call, FlowState &State) const;

  const HandleCatalog &Catalog;
  const TrackedStorage &Tracked;
  const ASTContext &Ctx;
  SummaryProvider *Summaries;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLETRANSFER_H
