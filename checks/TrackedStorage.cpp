//===--- TrackedStorage.cpp - resource-tidy -------------------------------===//

#include "TrackedStorage.h"
#include "HandleExprs.h"
#include "HandleHolders.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

std::string StorageKey::spelling() const {
  if (Field) {
    if (!Var)
      return Field->getName().str();
    const char *Access =
        Var->getType()->isPointerType() ? "->" : ".";
    return (Var->getName() + Access + Field->getName()).str();
  }
  std::string Name = Var ? Var->getName().str() : std::string("<storage>");
  if (Index >= 0)
    Name += "[" + std::to_string(Index) + "]";
  return Name;
}

QualType StorageKey::type(const ASTContext &Ctx) const {
  if (Field)
    return Field->getType();
  if (!Var)
    return QualType();
  if (Index >= 0)
    if (const auto *Array = Ctx.getAsConstantArrayType(Var->getType()))
      return Array->getElementType();
  return Var->getType().getNonReferenceType();
}

bool StorageKey::outlivesCall() const {
  if (!Var)
    return Field != nullptr; // A field of *this.
  if (Var->hasGlobalStorage())
    return true;
  QualType T = Var->getType();
  if (T->isReferenceType())
    return true;
  // A field reached through a pointer parameter lives in the caller's
  // object; through a local pointer it may well be fresh memory.
  return Field && T->isPointerType() && isa<ParmVarDecl>(Var);
}

const ValueDecl *StorageKey::identity() const {
  if (Field)
    return Field;
  if (Var && Var->hasGlobalStorage())
    return Var;
  return nullptr;
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
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return StorageKey{nullptr, -1, Field};
    if (const auto *BaseRef = dyn_cast<DeclRefExpr>(Base))
      if (const auto *Var = dyn_cast<VarDecl>(BaseRef->getDecl()))
        return StorageKey{Var, -1, Field};
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

/// True for storage this analysis may track in \p Function: call-local
/// storage of a handle type (non-static locals and parameters, elements of
/// local arrays, fields of local structs), or storage that outlives the call
/// when the policy allows it and evidence says it holds handles.
bool isTrackable(const StorageKey &Key, const FunctionDecl *Function,
                 const HandleCatalog &Catalog, const ASTContext &Ctx,
                 const TrackingPolicy &Policy) {
  QualType T = Key.type(Ctx);
  if (T.isNull() || T.isVolatileQualified())
    return false;
  if (!isHandleType(T) && !Catalog.objectStorageRole(T))
    return false;
  const VarDecl *Var = Key.Var;
  // Another function's variable (a lambda's capture) is not ours.
  if (Var && !Var->hasGlobalStorage() && Var->getDeclContext() != Function)
    return false;
  if (Key.outlivesCall()) {
    if (Policy.Mode == PersistentStorageMode::None ||
        (Policy.Mode == PersistentStorageMode::Fields && !Key.Field))
      return false;
    // What a reference parameter refers to: tracked when it receives an
    // acquisition here, which is why it was considered.
    if (!Key.identity())
      return Var && isa<ParmVarDecl>(Var) && !Key.Field;
    const HandleHolders *Holders = Policy.Holders;
    if (!Holders && Policy.GetHolders)
      Holders = Policy.GetHolders();
    return Holders && Holders->isHolder(Key.identity());
  }
  if (!Var || Var->getType()->isReferenceType())
    return false;
  // A field through a local pointer: where it points is not known.
  if (Key.Field && Var->getType()->isPointerType())
    return false;
  if (Key.Index < 0)
    return true;
  const auto *Array = Ctx.getAsConstantArrayType(Var->getType());
  return Array && Key.Index < static_cast<int64_t>(Array->getLimitedSize());
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
                  const ASTContext &Ctx, const TrackingPolicy &Policy,
                  TrackedStorage &Result)
      : Function(Function), Catalog(Catalog), Ctx(Ctx), Policy(Policy),
        Result(Result) {}

  // Nested closures are separate functions with their own analysis.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  // Types hold nothing the analysis needs (only unevaluated expressions).
  bool TraverseTypeLoc(TypeLoc, bool = true) { return true; }
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
    if (BO->getOpcode() != BO_Assign)
      return true;
    std::optional<StorageKey> Target = storageOf(BO->getLHS(), Ctx);
    if (asAcquisition(BO->getRHS(), Catalog)) {
      consider(Target);
      return true;
    }
    // Storage from earlier calls: a plain store only matters inside an
    // assignment operator (elsewhere it is a hand-over or a reset, reported
    // only for storage already tracked because it receives a handle here).
    const auto *Method = dyn_cast<CXXMethodDecl>(Function);
    if (Target && Target->outlivesCall()) {
      if (Method && (Method->isCopyAssignmentOperator() ||
                     Method->isMoveAssignmentOperator()))
        consider(Target);
    }
    else if (Target && Target->Index < 0 && !Target->Field &&
             isa<ParmVarDecl>(Target->Var))
      AssignedParameters.push_back(*Target);
    return true;
  }

  // `sp = std::make_shared<Conn>()`, `conn = Connection::open()`.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() == OO_Equal && Call->getNumArgs() == 2 &&
        asAcquisition(Call->getArg(1), Catalog))
      consider(storageOf(Call->getArg(0), Ctx));
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    if (Policy.TrackReleasedFields)
      considerReleasedField(Delete->getArgument());
    return true;
  }

  // `sp.reset(new Conn)`.
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Policy.TrackReleasedFields && Catalog.isReleaseMethod(Method))
      considerReleasedField(Call->getImplicitObjectArgument());
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
    // std::exchange(fd_, v) and std::swap(a, b) overwrite their arguments.
    if (isStdCall(Call, "exchange", 2))
      consider(storageOf(Call->getArg(0), Ctx));
    if (isStdCall(Call, "swap", 2)) {
      consider(storageOf(Call->getArg(0), Ctx));
      consider(storageOf(Call->getArg(1), Ctx));
    }
    if (Role && Policy.TrackReleasedFields)
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Role->roleOfArgument(I) == ArgumentRole::Release)
          considerReleasedField(Call->getArg(I));
    // A by-value parameter this function releases is an owning sink.
    if (Role)
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Role->roleOfArgument(I) == ArgumentRole::Release)
          if (std::optional<StorageKey> Key =
                  storageOf(stripValueWrappers(Call->getArg(I)), Ctx);
              Key && Key->Index < 0 && !Key->Field &&
              isa<ParmVarDecl>(Key->Var) &&
              !Key->Var->getType()->isReferenceType())
            Result.SinkParameters.try_emplace(
                Key->Var, Catalog.familyReleasedBy(Call->getDirectCallee()));
    if (!Role || !Role->Acquires || Role->OutParam < 0 ||
        static_cast<unsigned>(Role->OutParam) >= Call->getNumArgs())
      return true;
    const Expr *Arg = Call->getArg(Role->OutParam);
    for (const StorageKey &Key : outParameterTargets(Arg, *Role, Ctx))
      if (consider(Key))
        Result.OutArguments.insert(Arg->IgnoreParenImpCasts());
    return true;
  }

  void considerField(const FieldDecl *Field) {
    consider(StorageKey{nullptr, -1, Field});
  }

private:
  /// A field of `*this` released here: what a summary reports.
  void considerReleasedField(const Expr *Released) {
    std::optional<StorageKey> Key =
        storageOf(stripValueWrappers(Released), Ctx);
    if (Key && !Key->Var && Key->Field)
      consider(Key);
  }

  bool consider(std::optional<StorageKey> Key) {
    if (!Key || !isTrackable(*Key, Function, Catalog, Ctx, Policy))
      return false;
    Result.add(*Key);
    return true;
  }

public:
  llvm::SmallPtrSet<const VarDecl *, 2> DynamicallyIndexed;
  /// Parameters overwritten with something else than an acquisition: they
  /// matter only if they turn out to be sinks.
  llvm::SmallVector<StorageKey, 2> AssignedParameters;

private:
  const FunctionDecl *Function;
  const HandleCatalog &Catalog;
  const ASTContext &Ctx;
  const TrackingPolicy &Policy;
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
  // A whole array or struct used as a value (passed, stored, its address
  // taken) reaches every tracked element and field.
  if (Key.Index >= 0 || Key.Field || !Key.Var)
    return;
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I].Var == Key.Var)
      Out.push_back(I);
}

TrackedStorage TrackedStorage::collect(const FunctionDecl *Function,
                                       const Stmt *Body,
                                       const HandleCatalog &Catalog,
                                       const ASTContext &Ctx,
                                       const TrackingPolicy &Policy) {
  TrackedStorage Result;
  TrackingScanner Scanner(Function, Catalog, Ctx, Policy, Result);
  // A summary covers every handle field of the class: a nested helper may
  // release one without this method naming it.
  if (Policy.TrackReleasedFields)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      for (const FieldDecl *Field : Method->getParent()->fields())
        Scanner.considerField(Field);
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  if (Policy.Mode == PersistentStorageMode::All)
    for (const StorageKey &Key : Scanner.AssignedParameters)
      if (Result.SinkParameters.count(Key.Var) &&
          isTrackable(Key, Function, Catalog, Ctx, Policy))
        Result.add(Key);
  if (Scanner.DynamicallyIndexed.empty())
    return Result;
  TrackedStorage Filtered;
  Filtered.HasErrors = Result.HasErrors;
  Filtered.StatementCount = Result.StatementCount;
  Filtered.OutArguments = Result.OutArguments;
  Filtered.SinkParameters = Result.SinkParameters;
  for (const StorageKey &Key : Result.Keys)
    if (Key.Index < 0 || !Scanner.DynamicallyIndexed.contains(Key.Var))
      Filtered.add(Key);
  return Filtered;
}

} // namespace clang::tidy::resource
