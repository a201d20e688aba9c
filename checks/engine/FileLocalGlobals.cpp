//===--- FileLocalGlobals.cpp - resource-tidy -----------------------------===//

#include "engine/FileLocalGlobals.h"
#include "engine/HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace clang::tidy::resource {

namespace {

/// True for a global only this translation unit can name.
bool isFileLocal(const VarDecl *Var) {
  return Var && Var->hasGlobalStorage() &&
         (!Var->isExternallyVisible() || Var->isStaticLocal());
}

/// What the translation unit does with one file-local global.
struct Verdict {
  /// Mentioned other than to store into it, test it or use its handle.
  bool HandedOver = false;
  /// The functions (canonical; null for an initializer) that do so.
  llvm::SmallVector<const FunctionDecl *, 2> Readers;
};

/// Sorts every mention of every file-local global, in one walk of the
/// translation unit: parents are visited before their children, so the
/// mentions a parent accounts for are known by the time the mention itself
/// is visited.
class GlobalMentions : public RecursiveASTVisitor<GlobalMentions> {
public:
  GlobalMentions(const ASTContext &Ctx, const HandleCatalog &Catalog,
                 llvm::DenseMap<const VarDecl *, Verdict> &Verdicts)
      : Ctx(Ctx), Catalog(Catalog), Verdicts(Verdicts) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }
  // A mention inside a type (`typeof(g)`, a VLA bound) is not evaluated
  // where it stands; types are most of what headers declare.
  template <typename... Rest> bool TraverseTypeLoc(TypeLoc, Rest...) {
    return true;
  }

  // Which function each mention is in (null: an initializer). Library
  // headers cannot name the user's file-local globals.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer =
        std::exchange(Current, Function->getCanonicalDecl());
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
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!isFileLocal(Var) || Accounted.contains(Ref))
      return true;
    // `FILE *data = g;`: where the handle is read out.
    Verdict &Global = Verdicts[Var];
    Global.HandedOver = true;
    if (!llvm::is_contained(Global.Readers, Current))
      Global.Readers.push_back(Current);
    return true;
  }

private:
  bool account(const Expr *E) {
    const auto *Ref =
        E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    if (Ref && isFileLocal(dyn_cast<VarDecl>(Ref->getDecl())))
      Accounted.insert(Ref);
    return true;
  }

  const ASTContext &Ctx;
  const HandleCatalog &Catalog;
  llvm::DenseMap<const VarDecl *, Verdict> &Verdicts;
  const FunctionDecl *Current = nullptr;
  llvm::SmallPtrSet<const DeclRefExpr *, 16> Accounted;
};

/// The verdicts of the current translation unit, built on first need.
thread_local llvm::DenseMap<const VarDecl *, Verdict> Verdicts;
thread_local bool VerdictsBuilt = false;

/// The verdict on \p Global; null when it is not file-local.
const Verdict *verdictOf(const VarDecl *Global, const ASTContext &Ctx,
                         const HandleCatalog &Catalog) {
  if (!isFileLocal(Global))
    return nullptr;
  if (!VerdictsBuilt) {
    VerdictsBuilt = true;
    GlobalMentions(Ctx, Catalog, Verdicts)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  static const Verdict Untouched;
  auto It = Verdicts.find(Global);
  return It == Verdicts.end() ? &Untouched : &It->second;
}

/// The one function that reads \p Global out, if there is exactly one.
const FunctionDecl *onlyReader(const VarDecl *Global, const ASTContext &Ctx,
                               const HandleCatalog &Catalog) {
  const Verdict *Found = verdictOf(Global, Ctx, Catalog);
  return Found && Found->Readers.size() == 1 ? Found->Readers.front() : nullptr;
}

} // namespace

bool isNeverHandedOver(const VarDecl *Global, const ASTContext &Ctx,
                       const HandleCatalog &Catalog) {
  const Verdict *Found = verdictOf(Global, Ctx, Catalog);
  return Found && !Found->HandedOver;
}

bool isMailboxOf(const VarDecl *Global, const FunctionDecl *Reader,
                 const ASTContext &Ctx, const HandleCatalog &Catalog) {
  const FunctionDecl *Only = onlyReader(Global, Ctx, Catalog);
  return Only && Reader && Only == Reader->getCanonicalDecl();
}

const FunctionDecl *mailboxReader(const VarDecl *Global, const ASTContext &Ctx,
                                  const HandleCatalog &Catalog) {
  return onlyReader(Global, Ctx, Catalog);
}

void forgetFileLocalGlobals() {
  Verdicts.clear();
  VerdictsBuilt = false;
}

} // namespace clang::tidy::resource
