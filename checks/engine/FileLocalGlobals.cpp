//===--- FileLocalGlobals.cpp - resource-tidy -----------------------------===//

#include "engine/FileLocalGlobals.h"
#include "engine/HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

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

  // Which function each mention is in (null: an initializer).
  bool TraverseDecl(Decl *D) {
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = std::exchange(Current, Function);
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Current = Outer;
    return Result;
  }

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
    if (Ref->getDecl() != Global || Accounted.contains(Ref))
      return true;
    HandedOver = true;
    // `FILE *data = g;`: where the handle is read out.
    if (!Readers.empty() && Readers.back() == Current)
      return true;
    Readers.push_back(Current);
    return true;
  }

  bool HandedOver = false;
  /// The functions that read the global other than to test or use it.
  llvm::SmallVector<const FunctionDecl *, 2> Readers;

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
  const FunctionDecl *Current = nullptr;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Accounted;
};

struct Verdict {
  bool HandedOver = true;
  /// The one function that reads it out, if there is exactly one.
  const FunctionDecl *OnlyReader = nullptr;
};

thread_local llvm::DenseMap<const VarDecl *, Verdict> Verdicts;

const Verdict &verdictOf(const VarDecl *Global, const ASTContext &Ctx,
                         const HandleCatalog &Catalog) {
  static const Verdict Unknown;
  if (!Global || !Global->hasGlobalStorage() ||
      (Global->isExternallyVisible() && !Global->isStaticLocal()))
    return Unknown;
  auto [It, Inserted] = Verdicts.try_emplace(Global);
  if (!Inserted)
    return It->second;
  GlobalMentions Mentions(Global, Catalog);
  Mentions.TraverseDecl(Ctx.getTranslationUnitDecl());
  It->second.HandedOver = Mentions.HandedOver;
  if (Mentions.Readers.size() == 1 && Mentions.Readers.front())
    It->second.OnlyReader = Mentions.Readers.front()->getCanonicalDecl();
  return It->second;
}

} // namespace

bool isNeverHandedOver(const VarDecl *Global, const ASTContext &Ctx,
                       const HandleCatalog &Catalog) {
  return !verdictOf(Global, Ctx, Catalog).HandedOver;
}

bool isMailboxOf(const VarDecl *Global, const FunctionDecl *Reader,
                 const ASTContext &Ctx, const HandleCatalog &Catalog) {
  const FunctionDecl *Only = verdictOf(Global, Ctx, Catalog).OnlyReader;
  return Only && Reader && Only == Reader->getCanonicalDecl();
}

void forgetFileLocalGlobals() { Verdicts.clear(); }

const FunctionDecl *mailboxReader(const VarDecl *Global, const ASTContext &Ctx,
                                  const HandleCatalog &Catalog) {
  return verdictOf(Global, Ctx, Catalog).OnlyReader;
}

} // namespace clang::tidy::resource
