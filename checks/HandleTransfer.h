//===--- HandleTransfer.h - resource-tidy ---------------------------------===//
//
// The transfer function: what one CFG element does to the tracked state.
// Elements arrive in evaluation order with every subexpression present, so
// each statement only inspects its direct operands: the *consumer* of a
// variable's value decides what happens to the handle (a release call closes
// it, a store makes it escape, a comparison just reads it).
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLETRANSFER_H
#define RESOURCE_TIDY_HANDLETRANSFER_H

#include "HandleFamilies.h"
#include "HandleState.h"
#include "TrackedVariables.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::resource {

/// Called just before an assignment overwrites tracked variable \p Index.
using AssignmentObserver = llvm::function_ref<void(
    const BinaryOperator *Assignment, unsigned Index,
    const VariableState &Before)>;

class HandleTransfer {
public:
  HandleTransfer(const HandleCatalog &Catalog, const TrackedVariables &Tracked,
                 const ASTContext &Ctx)
      : Catalog(Catalog), Tracked(Tracked), Ctx(Ctx) {}

  /// Applies the effect of \p S to \p State. \p Observer, when given, sees
  /// every assignment to a tracked variable before it takes effect.
  void apply(const Stmt *S, FlowState &State,
             AssignmentObserver Observer = nullptr) const;

  /// The state a variable has after being assigned \p Value while it was
  /// in \p Current.
  VariableState stateOfAssignedValue(const Expr *Value,
                                     const VariableState &Current) const;

private:
  void applyAssignment(const BinaryOperator *BO, FlowState &State,
                       AssignmentObserver Observer) const;
  void applyDeclaration(const DeclStmt *DS, FlowState &State) const;
  void applyCall(const CallExpr *Call, FlowState &State) const;

  /// Marks every tracked variable whose value \p E may yield as escaped,
  /// except \p Keep.
  void escapeSources(const Expr *E, FlowState &State,
                     const VarDecl *Keep = nullptr) const;
  /// Sets every tracked variable whose value \p E may yield to \p Bits.
  void setSources(const Expr *E, FlowState &State, HandleStateSet Bits,
                  const Expr *Site) const;

  const HandleCatalog &Catalog;
  const TrackedVariables &Tracked;
  const ASTContext &Ctx;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLETRANSFER_H
