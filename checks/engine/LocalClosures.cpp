//===--- LocalClosures.cpp - resource-tidy --------------------------------===//

#include "engine/LocalClosures.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

namespace {

class ClosureScanner : public RecursiveASTVisitor<ClosureScanner> {
public:
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // Inside a nested lambda, a closure named at all is a use we cannot
    // follow (it may be called at any time).
    ++Depth;
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    --Depth;
    return Result;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Depth > 0 || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
        !Var->getInit() || Var->getType()->isReferenceType())
      return true;
    const auto *Class = Var->getType()->getAsCXXRecordDecl();
    const auto *Lambda =
        dyn_cast<LambdaExpr>(Var->getInit()->IgnoreUnlessSpelledInSource());
    if (Class && Class->isLambda() && Lambda)
      Candidates[Var] = Lambda;
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      ++Uses[Var];
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Depth > 0 || Call->getOperator() != OO_Call || Call->getNumArgs() == 0)
      return true;
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        ++Calls[Var];
    return true;
  }

  unsigned Depth = 0;
  llvm::DenseMap<const VarDecl *, const LambdaExpr *> Candidates;
  llvm::DenseMap<const VarDecl *, unsigned> Uses, Calls;
};

} // namespace

LocalClosures LocalClosures::find(const Stmt *Body) {
  LocalClosures Result;
  ClosureScanner Scanner;
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  for (const auto &[Var, Lambda] : Scanner.Candidates)
    if (Scanner.Uses.lookup(Var) == Scanner.Calls.lookup(Var)) {
      Result.Variables[Lambda] = Var;
      Result.Lambdas[Var] = Lambda;
    }
  return Result;
}

const LambdaExpr *LocalClosures::calledBy(const CallExpr *Call) const {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var ? Lambdas.lookup(Var) : nullptr;
}

bool capturesByReference(const FunctionDecl *Function, const VarDecl *Var) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (!Method || !Method->getParent()->isLambda() ||
      Method->getOverloadedOperator() != OO_Call)
    return false;
  llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *This = nullptr;
  Method->getParent()->getCaptureFields(Fields, This);
  auto Found = Fields.find(Var);
  return Found != Fields.end() && Found->second->getType()->isReferenceType();
}

} // namespace clang::tidy::resource
