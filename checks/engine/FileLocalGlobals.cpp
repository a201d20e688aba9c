//===--- FileLocalGlobals.cpp - resource-tidy -----------------------------===//

#include "engine/FileLocalGlobals.h"
#include "engine/HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::resource {

namespace {

/// Sorts every mention of one global: parents are visited before their
/// children, so the mentions a parent accounts for are known by the time
/// the mention itself is visited.
class GlobalMentions : public RecursiveASTVisitor<GlobalMentions> {
public:
  GlobalMentions(const VarDecl *Global, const HandleCatalog &Catalog)
      : Global(Global), Catalog(Catalog) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() == BO_Assign)
      account(Op->getLHS());
    else if (Op->isComparisonOp() || Op->isLogicalOp()) {
      account(Op->getLHS());
      account(Op->getRHS());
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->getOpcode() == UO_LNot)
      account(Op->getSubExpr());
    return true;
  }
  bool VisitIfStmt(IfStmt *If) { return account(If->getCond()); }
  bool VisitWhileStmt(WhileStmt *While) { return account(While->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *Cond) {
    return account(Cond->getCond());
  }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
    if (!Role)
      return true;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Role->roleOfArgument(I) == ArgumentRole::Use)
        account(stripValueWrappers(Call->getArg(I)));
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Global && !Accounted.contains(Ref))
      HandedOver = true;
    return true;
  }

  bool HandedOver = false;

private:
  bool account(const Expr *E) {
    const auto *Ref =
        E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    if (Ref && Ref->getDecl() == Global)
      Accounted.insert(Ref);
    return true;
  }

  const VarDecl *Global;
  const HandleCatalog &Catalog;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Accounted;
};

thread_local llvm::DenseMap<const VarDecl *, bool> Verdicts;

} // namespace

bool isNeverHandedOver(const VarDecl *Global, const ASTContext &Ctx,
                       const HandleCatalog &Catalog) {
  if (!Global || !Global->hasGlobalStorage() ||
      (Global->isExternallyVisible() && !Global->isStaticLocal()))
    return false;
  auto [It, Inserted] = Verdicts.try_emplace(Global, false);
  if (!Inserted)
    return It->second;
  GlobalMentions Mentions(Global, Catalog);
  Mentions.TraverseDecl(Ctx.getTranslationUnitDecl());
  It->second = !Mentions.HandedOver;
  return It->second;
}

void forgetFileLocalGlobals() { Verdicts.clear(); }

} // namespace clang::tidy::resource
