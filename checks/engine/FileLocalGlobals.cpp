//===--- FileLocalGlobals.cpp - resource-tidy -----------------------------===//

#include "engine/FileLocalGlobals.h"
#include "engine/HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>
#include <vector>

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

} // namespace

/// Sorts every mention of every file-local global as a walk of the
/// translation unit meets them: parents come before their children, so the
/// mentions a parent accounts for are known by the time the mention itself
/// is met.
struct FileLocalMentions::State {
  State(const ASTContext &Ctx, const HandleCatalog &Catalog,
        llvm::DenseMap<const VarDecl *, Verdict> &Verdicts)
      : Ctx(Ctx), Catalog(Catalog), Verdicts(Verdicts) {}

  void visit(const Stmt *S) {
    if (const auto *Op = dyn_cast<BinaryOperator>(S)) {
      if (Op->getOpcode() == BO_Assign) {
        account(Op->getLHS());
      } else if (Op->isComparisonOp() || Op->isLogicalOp()) {
        account(Op->getLHS());
        account(Op->getRHS());
      }
    } else if (const auto *Op = dyn_cast<UnaryOperator>(S)) {
      if (Op->getOpcode() == UO_LNot)
        account(Op->getSubExpr());
    } else if (const auto *If = dyn_cast<IfStmt>(S)) {
      account(If->getCond());
    } else if (const auto *While = dyn_cast<WhileStmt>(S)) {
      account(While->getCond());
    } else if (const auto *Cond = dyn_cast<ConditionalOperator>(S)) {
      account(Cond->getCond());
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee()))
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (Role->roleOfArgument(I) == ArgumentRole::Use)
            account(stripValueWrappers(Call->getArg(I)));
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      if (!isFileLocal(Var) || Accounted.contains(Ref))
        return;
      // `FILE *data = g;`: where the handle is read out.
      Verdict &Global = Verdicts[Var];
      Global.HandedOver = true;
      if (!llvm::is_contained(Global.Readers, Current))
        Global.Readers.push_back(Current);
    }
  }

  void account(const Expr *E) {
    const auto *Ref =
        E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    if (Ref && isFileLocal(dyn_cast<VarDecl>(Ref->getDecl())))
      Accounted.insert(Ref);
  }

  const ASTContext &Ctx;
  const HandleCatalog &Catalog;
  llvm::DenseMap<const VarDecl *, Verdict> &Verdicts;
  /// The function (canonical) whose body holds what is met; null for an
  /// initializer.
  const FunctionDecl *Current = nullptr;
  llvm::SmallPtrSet<const DeclRefExpr *, 16> Accounted;
};

namespace {

/// The walk of its own, when no other walk of the translation unit came
/// first.
class GlobalMentions : public RecursiveASTVisitor<GlobalMentions> {
public:
  explicit GlobalMentions(FileLocalMentions::State &Sorted) : Sorted(Sorted) {}

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
        Sorted.Ctx.getSourceManager().isInSystemHeader(D->getLocation()))
      return true;
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer =
        std::exchange(Sorted.Current, Function->getCanonicalDecl());
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Sorted.Current = Outer;
    return Result;
  }

  bool VisitStmt(Stmt *S) {
    Sorted.visit(S);
    return true;
  }

private:
  FileLocalMentions::State &Sorted;
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
    FileLocalMentions::State Sorted(Ctx, Catalog, Verdicts);
    GlobalMentions(Sorted).TraverseDecl(Ctx.getTranslationUnitDecl());
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

FileLocalMentions::FileLocalMentions(const ASTContext &Ctx,
                                     const HandleCatalog &Catalog)
    : Sorted(std::make_unique<State>(Ctx, Catalog, Verdicts)) {}

FileLocalMentions::~FileLocalMentions() = default;

std::unique_ptr<FileLocalMentions>
FileLocalMentions::startIfNeeded(const ASTContext &Ctx,
                                 const HandleCatalog &Catalog) {
  // Only a walk of the whole translation unit sees every mention (clangd
  // narrows its walks to the main file's declarations).
  // (A copy: LLVM 19 returns the scope by value, LLVM 22 as a view.)
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  if (VerdictsBuilt || Scope.size() != 1 ||
      Scope.front() != Ctx.getTranslationUnitDecl())
    return nullptr;
  return std::unique_ptr<FileLocalMentions>(
      new FileLocalMentions(Ctx, Catalog));
}

const FunctionDecl *
FileLocalMentions::enterFunction(const FunctionDecl *Function) {
  return std::exchange(Sorted->Current, Function);
}

void FileLocalMentions::leaveFunction(const FunctionDecl *Outer) {
  Sorted->Current = Outer;
}

void FileLocalMentions::visit(const Stmt *S) { Sorted->visit(S); }

void FileLocalMentions::walkSkipped(Decl *D) {
  GlobalMentions(*Sorted).TraverseDecl(D);
}

void FileLocalMentions::finish() {
  // (A query answered during the walk made its own walk: the two agree,
  // and what each adds again changes nothing.)
  VerdictsBuilt = true;
}

} // namespace clang::tidy::resource
