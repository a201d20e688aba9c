//===--- AcquirerInference.cpp - resource-tidy ----------------------------===//

#include "engine/AcquirerInference.h"
#include "engine/HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

namespace clang::tidy::resource {

namespace {

/// The return statements of one body, lambdas and blocks excluded, and the
/// functions it calls (a wrapper of a wrapper is found once the inner one
/// is known: only its callers need another look).
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  // Nothing in a type is returned or called.
  template <typename... Rest> bool TraverseTypeLoc(TypeLoc, Rest...) {
    return true;
  }
  bool TraverseDecl(Decl *D) {
    // Local classes' methods return for themselves.
    return isa_and_nonnull<TagDecl>(D) ? true
                                       : RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    Returns.push_back(Return);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Callees.insert(Callee->getCanonicalDecl());
    Makers.push_back(Call);
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *New) {
    Makers.push_back(New);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Makers.push_back(Construct);
    return true;
  }
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Callees;
  /// The expressions that can make a handle, if the catalog says so.
  llvm::SmallVector<const Expr *, 8> Makers;
};

/// Collects, during a replay, what each returned storage may hold.
class ReturnWatcher : public FlowListener {
public:
  void escaped(const Stmt *Site, unsigned Index,
               const VariableState &Before) override {
    if (isa<ReturnStmt>(Site))
      AtReturn[Site].push_back(Before);
  }
  llvm::DenseMap<const Stmt *, llvm::SmallVector<VariableState, 1>> AtReturn;
};

/// Every function definition outside system headers. Bodies and types are
/// not walked: definitions are declarations of namespaces, classes and
/// templates (a lambda's or a local class's method is not a wrapper other
/// code calls by name).
class DefinitionCollector : public RecursiveASTVisitor<DefinitionCollector> {
public:
  explicit DefinitionCollector(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool TraverseStmt(Stmt *) { return true; }
  // (LLVM 22 adds a parameter.)
  template <typename... Rest> bool TraverseTypeLoc(TypeLoc, Rest...) {
    return true;
  }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *Function) {
    if (Function->doesThisDeclarationHaveABody() &&
        !Function->isDependentContext() && !Function->isMain() &&
        (Function->getReturnType()->isIntegerType() ||
         Function->getReturnType()->isAnyPointerType()))
      Definitions.push_back(Function);
    return true;
  }
  llvm::SmallVector<const FunctionDecl *, 64> Definitions;

private:
  const SourceManager &SM;
};

/// Only call-local storage matters here: there is no evidence to build.
const HandleHolders *noHolders() { return nullptr; }

class Inference {
public:
  Inference(ASTContext &Ctx, HandleCatalog &Catalog, FlowLimits Limits)
      : Ctx(Ctx), Catalog(Catalog), Limits(Limits) {}

  /// The role of the handle \p Function returns on every path that returns
  /// one, or null when it is not an acquirer.
  const FunctionRole *acquiredBy(const FunctionDecl &Function,
                                 const ReturnCollector &Collector) {
    if (Collector.Returns.empty())
      return nullptr;
    const FunctionRole *Role = nullptr;
    bool NeedsFlow = false;
    for (const ReturnStmt *Return : Collector.Returns) {
      const Expr *Value = Return->getRetValue();
      if (!Value)
        return nullptr;
      if (isInvalidHandleConstant(Value, Ctx))
        continue;
      if (const Expr *Acquisition = asAcquisition(Value, Catalog)) {
        if (!agree(Role, Catalog.acquisitionRole(Acquisition)))
          return nullptr;
        continue;
      }
      // A variable: its value decides, path by path.
      const auto *Ref = dyn_cast<DeclRefExpr>(stripValueWrappers(Value));
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Var || Var->hasGlobalStorage() || Var->getType()->isReferenceType())
        return nullptr;
      NeedsFlow = true;
    }
    if (!NeedsFlow)
      return Role;
    // A variable can hold a handle opened here only if something here
    // opens one.
    if (llvm::none_of(Collector.Makers, [&](const Expr *E) {
          return Catalog.acquisitionRole(E) != nullptr;
        }))
      return nullptr;
    // Locals and parameters that receive an acquisition are tracked; if
    // the returned variable is not among them, no return is a handle.
    TrackingPolicy Policy;
    Policy.Mode = PersistentStorageMode::None;
    Policy.GetHolders = noHolders;
    HandleFlowAnalysis Analysis(Catalog, Ctx, Limits, Policy);
    std::unique_ptr<FunctionAnalysis> Flow =
        Analysis.analyze(&Function, Function.getBody());
    if (!Flow)
      return nullptr;
    ReturnWatcher Watcher;
    Flow->replay(Watcher);
    for (const ReturnStmt *Return : Collector.Returns) {
      const Expr *Value = Return->getRetValue();
      if (isInvalidHandleConstant(Value, Ctx) || asAcquisition(Value, Catalog))
        continue;
      auto Seen = Watcher.AtReturn.find(Return);
      // An unreachable return says nothing; a reachable one must return a
      // tracked handle.
      if (Seen == Watcher.AtReturn.end() || Seen->second.size() != 1)
        return nullptr;
      const VariableState &Held = Seen->second.front();
      // Opened here (or failed, or reset) on every path, never kept or
      // closed elsewhere, and open on one at least.
      constexpr HandleStateSet Fresh = OpenStates | Failed | Invalid;
      if ((Held.Bits & ~Fresh) || !(Held.Bits & OpenStates) ||
          !agree(Role, Catalog.acquisitionRole(Held.AcquiredAt)))
        return nullptr;
    }
    return Role;
  }

private:
  /// Folds \p Next into \p Role; false when the families differ.
  static bool agree(const FunctionRole *&Role, const FunctionRole *Next) {
    if (!Next || !Next->Acquires)
      return false;
    if (Role && Role->Acquires != Next->Acquires)
      return false;
    if (!Role)
      Role = Next;
    return true;
  }

  ASTContext &Ctx;
  HandleCatalog &Catalog;
  FlowLimits Limits;
};

} // namespace

unsigned
inferAcquirers(ASTContext &Ctx, HandleCatalog &Catalog, FlowLimits Limits,
               llvm::function_ref<bool(const FunctionDecl *)> IsDamaged) {
  DefinitionCollector Definitions(Ctx.getSourceManager());
  for (Decl *D : Ctx.getTraversalScope())
    Definitions.TraverseDecl(D);
  Inference Infer(Ctx, Catalog, Limits);
  llvm::SmallPtrSet<const FunctionDecl *, 8> Found;
  // Each body is walked once; a later round looks again only at functions
  // that call one found in the round before.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ReturnCollector>> Bodies;
  llvm::SmallPtrSet<const FunctionDecl *, 8> FoundLastRound;
  constexpr unsigned MaxRounds = 3;
  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    llvm::SmallPtrSet<const FunctionDecl *, 8> FoundThisRound;
    for (const FunctionDecl *Function : Definitions.Definitions) {
      if (Found.contains(Function->getCanonicalDecl()) || IsDamaged(Function) ||
          Catalog.roleOf(Function))
        continue;
      std::unique_ptr<ReturnCollector> &Body = Bodies[Function];
      if (!Body) {
        Body = std::make_unique<ReturnCollector>();
        Body->TraverseStmt(Function->getBody());
      } else if (llvm::none_of(FoundLastRound, [&](const FunctionDecl *F) {
                   return Body->Callees.contains(F);
                 })) {
        continue;
      }
      if (const FunctionRole *Role = Infer.acquiredBy(*Function, *Body)) {
        Catalog.learnAcquirer(Function, Role->Acquires, Role->AcquiredNoun);
        Found.insert(Function->getCanonicalDecl());
        FoundThisRound.insert(Function->getCanonicalDecl());
      }
    }
    if (FoundThisRound.empty())
      break;
    FoundLastRound = std::move(FoundThisRound);
  }
  return Found.size();
}

} // namespace clang::tidy::resource
