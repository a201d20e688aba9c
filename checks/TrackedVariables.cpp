//===--- TrackedVariables.cpp - resource-tidy -----------------------------===//

#include "TrackedVariables.h"
#include "HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

namespace {

/// True for storage this analysis owns: non-static locals and parameters of
/// \p Function whose type can hold a descriptor or a pointer handle.
bool isTrackableVariable(const VarDecl *Var, const FunctionDecl *Function) {
  if (!Var || Var->getDeclContext() != Function)
    return false;
  if (!Var->hasLocalStorage() || Var->getType()->isReferenceType())
    return false;
  QualType T = Var->getType();
  if (T.isVolatileQualified())
    return false;
  return T->isIntegerType() || T->isAnyPointerType();
}

class TrackingScanner : public RecursiveASTVisitor<TrackingScanner> {
public:
  TrackingScanner(const FunctionDecl *Function, const HandleCatalog &Catalog,
                  llvm::function_ref<void(const VarDecl *)> Track,
                  bool &HasErrors, unsigned &StatementCount)
      : Function(Function), Catalog(Catalog), Track(Track),
        HasErrors(HasErrors), StatementCount(StatementCount) {}

  // Nested closures are separate functions with their own analysis.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }

  bool VisitStmt(Stmt *) {
    ++StatementCount;
    return true;
  }

  bool VisitExpr(Expr *E) {
    if (E->containsErrors())
      HasErrors = true;
    return !HasErrors;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign || !asAcquisition(BO->getRHS(), Catalog))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens()))
      consider(dyn_cast<VarDecl>(Ref->getDecl()));
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getInit() && asAcquisition(Var->getInit(), Catalog))
      consider(Var);
    return true;
  }

private:
  void consider(const VarDecl *Var) {
    if (isTrackableVariable(Var, Function))
      Track(Var);
  }

  const FunctionDecl *Function;
  const HandleCatalog &Catalog;
  llvm::function_ref<void(const VarDecl *)> Track;
  bool &HasErrors;
  unsigned &StatementCount;
};

} // namespace

void TrackedVariables::add(const VarDecl *Var) {
  if (Indexes.try_emplace(Var, Variables.size()).second)
    Variables.push_back(Var);
}

TrackedVariables TrackedVariables::collect(const FunctionDecl *Function,
                                           const Stmt *Body,
                                           const HandleCatalog &Catalog) {
  TrackedVariables Result;
  auto Track = [&Result](const VarDecl *Var) { Result.add(Var); };
  TrackingScanner Scanner(Function, Catalog, Track, Result.HasErrors,
                          Result.StatementCount);
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  return Result;
}

} // namespace clang::tidy::resource
