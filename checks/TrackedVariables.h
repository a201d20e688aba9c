//===--- TrackedVariables.h - resource-tidy -------------------------------===//
//
// Before paying for a CFG we walk the function body once to find the
// variables worth tracking: locals and parameters of this function that
// receive the result of an acquisition somewhere. A function with none costs
// nothing more. The same walk notices code we must not analyse (expressions
// with errors), so a broken function is skipped quietly.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_TRACKEDVARIABLES_H
#define RESOURCE_TIDY_TRACKEDVARIABLES_H

#include "HandleFamilies.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// The variables one function's analysis tracks, with dense indexes.
class TrackedVariables {
public:
  /// Scans \p Body of \p Function. Lambda and block bodies inside it are
  /// not scanned: they are analysed as functions of their own.
  static TrackedVariables collect(const FunctionDecl *Function,
                                  const Stmt *Body,
                                  const HandleCatalog &Catalog);

  /// True when the body contains expressions with errors.
  bool hasErrors() const { return HasErrors; }

  /// Statements in the body (lambda bodies excluded): a cheap size measure
  /// checked against the analysis budget before any CFG is built.
  unsigned statementCount() const { return StatementCount; }

  bool empty() const { return Variables.empty(); }
  unsigned size() const { return Variables.size(); }
  const VarDecl *variable(unsigned Index) const { return Variables[Index]; }

  /// The dense index of \p Var, or -1 if it is not tracked.
  int indexOf(const VarDecl *Var) const {
    auto It = Indexes.find(Var);
    return It == Indexes.end() ? -1 : static_cast<int>(It->second);
  }

private:
  void add(const VarDecl *Var);

  llvm::SmallVector<const VarDecl *, 8> Variables;
  llvm::DenseMap<const VarDecl *, unsigned> Indexes;
  bool HasErrors = false;
  unsigned StatementCount = 0;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_TRACKEDVARIABLES_H
