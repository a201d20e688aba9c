//===--- PointerBindings.cpp - resource-tidy ------------------------------===//

#include "engine/PointerBindings.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::resource {

namespace {

/// Counts the references to one pointer and those that dereference it.
class PointerUses : public RecursiveASTVisitor<PointerUses> {
public:
  explicit PointerUses(const VarDecl *Pointer) : Pointer(Pointer) {}

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->getOpcode() == UO_LNot)
      countTest(Op->getSubExpr());
    if (Op->getOpcode() == UO_Deref)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Op->getSubExpr()->IgnoreParenImpCasts());
          Ref && Ref->getDecl() == Pointer)
        ++Dereferences;
    return true;
  }
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Subscript->getBase()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == Pointer)
      ++Subscripted;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Pointer)
      ++References;
    return true;
  }
  // A null test keeps no copy of the pointer: `if (out)`, `assert(out)`,
  // `!out`, `out == NULL`.
  bool VisitIfStmt(IfStmt *If) { return countTest(If->getCond()); }
  bool VisitWhileStmt(WhileStmt *While) { return countTest(While->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *Cond) {
    return countTest(Cond->getCond());
  }
  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isLogicalOp()) {
      countTest(Op->getLHS());
      countTest(Op->getRHS());
    } else if (Op->isEqualityOp()) {
      for (auto [Side, Other] : {std::pair(Op->getLHS(), Op->getRHS()),
                                 std::pair(Op->getRHS(), Op->getLHS())})
        if (Other->isNullPointerConstant(Pointer->getASTContext(),
                                         Expr::NPC_ValueDependentIsNotNull))
          countTest(Side);
    }
    return true;
  }
  // A closure's uses are in another function, whose writes through the
  // pointer this function's analysis would not see.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == Pointer)
        Captured = true;
    return true;
  }
  bool TraverseBlockExpr(BlockExpr *Block) {
    for (const BlockDecl::Capture &Capture : Block->getBlockDecl()->captures())
      if (Capture.getVariable() == Pointer)
        Captured = true;
    return true;
  }

  bool onlyDereferenced(bool Subscripts) const {
    return !Captured &&
           References == Dereferences + Tests + (Subscripts ? Subscripted : 0);
  }
  bool referencedOnce() const { return !Captured && References == 1; }

private:
  const VarDecl *Pointer;
  unsigned References = 0;
  unsigned Dereferences = 0;
  unsigned Subscripted = 0;
  unsigned Tests = 0;
  bool Captured = false;

  bool countTest(const Expr *Condition) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
        Condition ? Condition->IgnoreParenImpCasts() : nullptr);
    if (Ref && Ref->getDecl() == Pointer)
      ++Tests;
    return true;
  }
};

/// `&data` for a local, non-static, non-reference \p data.
const VarDecl *addressedLocal(const Expr *Init) {
  const auto *AddrOf = dyn_cast_or_null<UnaryOperator>(
      Init ? Init->IgnoreParenImpCasts() : nullptr);
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
      Var->getType()->isReferenceType())
    return nullptr;
  return Var;
}

thread_local llvm::DenseMap<const VarDecl *, const VarDecl *> Bindings;
thread_local llvm::DenseMap<const VarDecl *, const ParmVarDecl *> Views;

} // namespace

const VarDecl *pointedVariable(const VarDecl *Pointer) {
  if (!Pointer || isa<ParmVarDecl>(Pointer) || !Pointer->isLocalVarDecl() ||
      Pointer->isStaticLocal() || !Pointer->getType()->isPointerType())
    return nullptr;
  const VarDecl *Pointee = addressedLocal(Pointer->getInit());
  if (!Pointee || Pointee->getDeclContext() != Pointer->getDeclContext() ||
      Pointee->getType().getCanonicalType() !=
          Pointer->getType()->getPointeeType().getCanonicalType())
    return nullptr;
  auto [It, Inserted] = Bindings.try_emplace(Pointer, nullptr);
  if (!Inserted)
    return It->second;
  const auto *Function =
      dyn_cast_or_null<FunctionDecl>(Pointer->getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return nullptr;
  if (onlyDereferenced(Pointer, Function->getBody()))
    It->second = Pointee;
  return It->second;
}

bool onlyDereferenced(const VarDecl *Pointer, const Stmt *Body,
                      bool Subscripts) {
  PointerUses Uses(Pointer);
  Uses.TraverseStmt(const_cast<Stmt *>(Body));
  return Uses.onlyDereferenced(Subscripts);
}

const ParmVarDecl *viewedPointerParameter(const VarDecl *Pointer) {
  if (!Pointer || isa<ParmVarDecl>(Pointer) || !Pointer->isLocalVarDecl() ||
      Pointer->isStaticLocal() || !Pointer->getType()->isPointerType() ||
      !Pointer->getInit())
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Pointer->getInit()->IgnoreParenCasts());
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  if (!Param || !Param->getType()->isPointerType() ||
      Param->getDeclContext() != Pointer->getDeclContext())
    return nullptr;
  auto [It, Inserted] = Views.try_emplace(Pointer, nullptr);
  if (!Inserted)
    return It->second;
  const auto *Function = dyn_cast<FunctionDecl>(Pointer->getDeclContext());
  if (Function && Function->getBody() &&
      onlyDereferenced(Pointer, Function->getBody()))
    It->second = Param;
  return It->second;
}

bool referencedOnce(const VarDecl *Var, const Stmt *Body) {
  PointerUses Uses(Var);
  Uses.TraverseStmt(const_cast<Stmt *>(Body));
  return Uses.referencedOnce();
}

void forgetPointerBindings() {
  Bindings.clear();
  Views.clear();
}

} // namespace clang::tidy::resource
