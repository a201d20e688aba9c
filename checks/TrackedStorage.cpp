//===--- TrackedStorage.cpp - resource-tidy -------------------------------===//

#include "TrackedStorage.h"
#include "HandleExprs.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

std::string StorageKey::spelling() const {
  std::string Name = Var ? Var->getName().str() : std::string("<storage>");
  if (Index >= 0)
    Name += "[" + std::to_string(Index) + "]";
  return Name;
}

std::optional<StorageKey> storageOf(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return StorageKey{Var, -1};
    return std::nullopt;
  }
  const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E);
  if (!Subscript)
    return std::nullopt;
  const auto *Base =
      dyn_cast<DeclRefExpr>(Subscript->getBase()->IgnoreParenImpCasts());
  const auto *Var = Base ? dyn_cast<VarDecl>(Base->getDecl()) : nullptr;
  const Expr *IndexExpr = Subscript->getIdx();
  if (!Var || !Var->getType()->isConstantArrayType() ||
      IndexExpr->isValueDependent() || IndexExpr->containsErrors())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!IndexExpr->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &Index = Result.Val.getInt();
  if (Index.isNegative() || Index.getActiveBits() > 16)
    return std::nullopt;
  return StorageKey{Var, static_cast<int>(Index.getZExtValue())};
}

namespace {

bool isHandleType(QualType T) {
  return !T.isNull() && (T->isIntegerType() || T->isAnyPointerType());
}

/// True for storage this analysis owns: non-static, non-volatile locals and
/// parameters of \p Function holding a descriptor or a pointer handle, or a
/// constant element of such a local array.
bool isTrackable(const StorageKey &Key, const FunctionDecl *Function,
                 const HandleCatalog &Catalog, const ASTContext &Ctx) {
  const VarDecl *Var = Key.Var;
  if (!Var || Var->getDeclContext() != Function || !Var->hasLocalStorage())
    return false;
  QualType T = Var->getType();
  if (T->isReferenceType() || T.isVolatileQualified())
    return false;
  if (Key.Index < 0)
    return isHandleType(T) || Catalog.objectStorageRole(T);
  const auto *Array = Ctx.getAsConstantArrayType(T);
  return Array && Key.Index < static_cast<int64_t>(Array->getLimitedSize()) &&
         isHandleType(Array->getElementType()) &&
         !Array->getElementType().isVolatileQualified();
}

} // namespace

llvm::SmallVector<StorageKey, 2> outParameterTargets(const Expr *Arg,
                                                     const FunctionRole &Role,
                                                     const ASTContext &Ctx) {
  llvm::SmallVector<StorageKey, 2> Targets;
  if (!Arg)
    return Targets;
  const Expr *Stripped = Arg->IgnoreParenImpCasts();
  // `&db`, `&fds[0]`: the handle is written through the pointer.
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped)) {
    if (AddrOf->getOpcode() == UO_AddrOf)
      if (std::optional<StorageKey> Key = storageOf(AddrOf->getSubExpr(), Ctx))
        Targets.push_back(*Key);
    return Targets;
  }
  // `fds` (an array decaying to a pointer): OutCount handles are written.
  if (std::optional<StorageKey> Key = storageOf(Stripped, Ctx))
    if (Key->Index < 0 && Key->Var->getType()->isConstantArrayType())
      for (unsigned I = 0; I < Role.OutCount; ++I)
        Targets.push_back(StorageKey{Key->Var, static_cast<int>(I)});
  return Targets;
}

class TrackingScanner : public RecursiveASTVisitor<TrackingScanner> {
public:
  TrackingScanner(const FunctionDecl *Function, const HandleCatalog &Catalog,
                  const ASTContext &Ctx, TrackedStorage &Result)
      : Function(Function), Catalog(Catalog), Ctx(Ctx), Result(Result) {}

  // Nested closures are separate functions with their own analysis.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }

  bool VisitStmt(Stmt *) {
    ++Result.StatementCount;
    return true;
  }

  bool VisitExpr(Expr *E) {
    if (E->containsErrors())
      Result.HasErrors = true;
    return !Result.HasErrors;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign && asAcquisition(BO->getRHS(), Catalog))
      consider(storageOf(BO->getLHS(), Ctx));
    return true;
  }

  // `sp = std::make_shared<Conn>()`, `conn = Connection::open()`.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Equal && Call->getNumArgs() == 2 &&
        asAcquisition(Call->getArg(1), Catalog))
      consider(storageOf(Call->getArg(0), Ctx));
    return true;
  }

  // `sp.reset(new Conn)`.
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() && Method->getName() == "reset" &&
        Call->getNumArgs() >= 1 && asAcquisition(Call->getArg(0), Catalog))
      consider(storageOf(Call->getImplicitObjectArgument(), Ctx));
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getInit() && asAcquisition(Var->getInit(), Catalog))
      consider(StorageKey{Var, -1});
    return true;
  }

  // `fds[i]` cannot be followed per element: such arrays are not tracked.
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    const auto *Base =
        dyn_cast<DeclRefExpr>(Subscript->getBase()->IgnoreParenImpCasts());
    if (Base && !storageOf(Subscript, Ctx))
      if (const auto *Var = dyn_cast<VarDecl>(Base->getDecl()))
        DynamicallyIndexed.insert(Var);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
    if (!Role || !Role->Acquires || Role->OutParam < 0 ||
        static_cast<unsigned>(Role->OutParam) >= Call->getNumArgs())
      return true;
    const Expr *Arg = Call->getArg(Role->OutParam);
    for (const StorageKey &Key : outParameterTargets(Arg, *Role, Ctx))
      if (consider(Key))
        Result.OutArguments.insert(Arg->IgnoreParenImpCasts());
    return true;
  }

private:
  bool consider(std::optional<StorageKey> Key) {
    if (!Key || !isTrackable(*Key, Function, Catalog, Ctx))
      return false;
    Result.add(*Key);
    return true;
  }

public:
  llvm::SmallPtrSet<const VarDecl *, 2> DynamicallyIndexed;

private:
  const FunctionDecl *Function;
  const HandleCatalog &Catalog;
  const ASTContext &Ctx;
  TrackedStorage &Result;
};

void TrackedStorage::add(const StorageKey &Key) {
  if (Indexes.try_emplace(Key, Keys.size()).second)
    Keys.push_back(Key);
}

void TrackedStorage::indexesReachedBy(
    const StorageKey &Key, llvm::SmallVectorImpl<unsigned> &Out) const {
  if (int Index = indexOf(Key); Index >= 0) {
    Out.push_back(Index);
    return;
  }
  // A whole array used as a value (passed, stored) reaches every element.
  if (Key.Index >= 0 || !Key.Var->getType()->isArrayType())
    return;
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I].Var == Key.Var)
      Out.push_back(I);
}

TrackedStorage TrackedStorage::collect(const FunctionDecl *Function,
                                       const Stmt *Body,
                                       const HandleCatalog &Catalog,
                                       const ASTContext &Ctx) {
  TrackedStorage Result;
  TrackingScanner Scanner(Function, Catalog, Ctx, Result);
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  if (Scanner.DynamicallyIndexed.empty())
    return Result;
  TrackedStorage Filtered;
  Filtered.HasErrors = Result.HasErrors;
  Filtered.StatementCount = Result.StatementCount;
  Filtered.OutArguments = Result.OutArguments;
  for (const StorageKey &Key : Result.Keys)
    if (Key.Index < 0 || !Scanner.DynamicallyIndexed.contains(Key.Var))
      Filtered.add(Key);
  return Filtered;
}

} // namespace clang::tidy::resource
