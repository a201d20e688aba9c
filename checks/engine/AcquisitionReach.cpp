//===--- AcquisitionReach.cpp - resource-tidy -----------------------------===//

#include "engine/AcquisitionReach.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::resource {

namespace {

/// Lambdas and blocks inside the body count: what they do may be part of
/// the body's summary (a closure called in place).
class FactsCollector : public RecursiveASTVisitor<FactsCollector> {
public:
  FactsCollector(const HandleCatalog &Catalog, bool &Acquires,
                 llvm::SmallVectorImpl<const FunctionDecl *> &Reached)
      : Catalog(Catalog), Acquires(Acquires), Reached(Reached) {}

  // What a type names (`typeof(open_conn())`) is not run.
  template <typename... Rest> bool TraverseTypeLoc(TypeLoc, Rest...) {
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Catalog.acquisitionRole(Call))
      Acquires = true;
    return !Acquires;
  }
  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (Catalog.acquisitionRole(New))
      Acquires = true;
    return !Acquires;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Catalog.acquisitionRole(Construct))
      Acquires = true;
    return !Acquires;
  }
  // Called or only named (a local function pointer called later): either
  // may run it.
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl()))
      Reached.push_back(Function);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
      Reached.push_back(Method);
    return true;
  }

private:
  const HandleCatalog &Catalog;
  bool &Acquires;
  llvm::SmallVectorImpl<const FunctionDecl *> &Reached;
};

/// How a body uses one parameter: every use must be one that cannot put a
/// handle where it points, or a hand-over to a call (decided by the caller
/// of this visitor, through mayFill of the callee).
class ParameterUses : public RecursiveASTVisitor<ParameterUses> {
public:
  ParameterUses(const ParmVarDecl *Param, const ASTContext &Ctx)
      : Param(Param), Ctx(Ctx),
        IsReference(Param->getType()->isReferenceType()) {}

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp()) {
      // `*p = v`, `p[0] = v`, or `r = v` for a reference: only a constant
      // cannot be a fresh handle.
      if (const DeclRefExpr *Target = writtenThrough(Op->getLHS())) {
        Handled.insert(Target);
        if (!isConstant(Op->getRHS()))
          MayFill = true;
      }
      return !MayFill;
    }
    if (Op->isComparisonOp() || Op->isLogicalOp())
      for (const Expr *Side : {Op->getLHS(), Op->getRHS()})
        if (const DeclRefExpr *Ref = named(Side))
          Handled.insert(Ref);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *Op) {
    // `&*p`, `&p[1]`: the place it points to, handed on as a whole.
    if (Op->getOpcode() == UO_AddrOf && pointedPlace(Op->getSubExpr()))
      MayFill = true;
    if (Op->getOpcode() == UO_Deref || Op->getOpcode() == UO_LNot)
      if (const DeclRefExpr *Ref = named(Op->getSubExpr()))
        Handled.insert(Ref);
    return !MayFill;
  }
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    if (const DeclRefExpr *Ref = named(Subscript->getBase()))
      Handled.insert(Ref);
    return true;
  }
  bool VisitImplicitCastExpr(ImplicitCastExpr *Cast) {
    // `if (p)`; a reference's value read (`n = r + 1`).
    bool Reads = Cast->getCastKind() == CK_PointerToBoolean ||
                 Cast->getCastKind() == CK_IntegralToBoolean ||
                 (IsReference && Cast->getCastKind() == CK_LValueToRValue);
    if (Reads)
      if (const DeclRefExpr *Ref = named(Cast->getSubExpr()))
        Handled.insert(Ref);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (const DeclRefExpr *Ref = named(Call->getArg(I))) {
        Handled.insert(Ref);
        PassedTo.push_back({Call, I});
      }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Ref->getDecl() == Param && !Handled.contains(Ref))
      MayFill = true; // Copied, its address taken, captured, returned...
    return !MayFill;
  }

  bool MayFill = false;
  /// (call, argument index) where the parameter itself is passed on.
  llvm::SmallVector<std::pair<const CallExpr *, unsigned>, 2> PassedTo;

private:
  const DeclRefExpr *named(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == Param ? Ref : nullptr;
  }
  /// The parameter, when \p E is what it points to (`*p`, `p[i]`).
  const DeclRefExpr *pointedPlace(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *Deref = dyn_cast<UnaryOperator>(E);
        Deref && Deref->getOpcode() == UO_Deref)
      return named(Deref->getSubExpr());
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return named(Subscript->getBase());
    return nullptr;
  }
  /// The parameter, when \p LHS writes what it points or refers to.
  const DeclRefExpr *writtenThrough(const Expr *LHS) const {
    return IsReference ? named(LHS) : pointedPlace(LHS);
  }
  bool isConstant(const Expr *E) const {
    if (E->isValueDependent() || E->containsErrors())
      return false;
    if (E->getType()->isAnyPointerType())
      return E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                      Expr::NPC_ValueDependentIsNotNull) !=
             Expr::NPCK_NotNull;
    Expr::EvalResult Result;
    return E->getType()->isIntegerType() && E->EvaluateAsInt(Result, Ctx);
  }

  const ParmVarDecl *Param;
  const ASTContext &Ctx;
  const bool IsReference;
  llvm::SmallPtrSet<const DeclRefExpr *, 4> Handled;
};

} // namespace

const AcquisitionReach::BodyFacts &
AcquisitionReach::factsOf(const FunctionDecl *Definition) {
  auto [It, Inserted] = Facts.try_emplace(Definition);
  if (Inserted) {
    FactsCollector Collector(Catalog, It->second.Acquires, It->second.Reached);
    Collector.TraverseStmt(Definition->getBody());
    // Constructors run their members' initializers as well.
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (!It->second.Acquires)
          Collector.TraverseStmt(Init->getInit());
  }
  return It->second;
}

const FunctionDecl *AcquisitionReach::bodyOf(const FunctionDecl *Function,
                                             bool &Opaque) const {
  Opaque = false;
  // A virtual call may run an override found elsewhere.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && Method->isVirtual()) {
    Opaque = true;
    return nullptr;
  }
  const FunctionDecl *Definition = Function->getDefinition();
  if (!Definition) {
    Opaque = SummarizedElsewhere && SummarizedElsewhere(Function);
    return nullptr;
  }
  if (!Definition->getBody() || Definition->isDependentContext() ||
      SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

bool AcquisitionReach::mayAcquire(const FunctionDecl *Function) {
  if (!Function)
    return false;
  Function = Function->getCanonicalDecl();
  if (auto Cached = Known.find(Function); Cached != Known.end())
    return Cached->second;
  // Everything reached from Function, breadth first; a catalog function
  // is a leaf (its role, not a summary, decides at its calls).
  llvm::SmallVector<const FunctionDecl *, 16> Work{Function};
  llvm::DenseSet<const FunctionDecl *> Visited{Function};
  bool Found = false;
  while (!Work.empty() && !Found) {
    const FunctionDecl *Next = Work.pop_back_val();
    if (auto Cached = Known.find(Next); Cached != Known.end()) {
      Found = Cached->second;
      continue;
    }
    if (const FunctionRole *Role = Catalog.roleOf(Next)) {
      Found = Role->Acquires != nullptr;
      continue;
    }
    bool Opaque = false;
    const FunctionDecl *Definition = bodyOf(Next, Opaque);
    if (Opaque) {
      Found = true;
      break;
    }
    if (!Definition)
      continue;
    const BodyFacts &Body = factsOf(Definition);
    if (Body.Acquires) {
      Found = true;
      break;
    }
    for (const FunctionDecl *Reached : Body.Reached)
      if (Visited.insert(Reached->getCanonicalDecl()).second)
        Work.push_back(Reached->getCanonicalDecl());
  }
  if (Found) {
    Known[Function] = true;
    return true;
  }
  // Nothing anywhere below any of them acquires.
  for (const FunctionDecl *Seen : Visited)
    Known[Seen] = false;
  return false;
}

} // namespace clang::tidy::resource

namespace clang::tidy::resource {

bool AcquisitionReach::mayFill(const FunctionDecl *Function, unsigned Param) {
  if (!Function)
    return false;
  auto Key = std::make_pair(Function->getCanonicalDecl(), Param);
  if (auto Cached = KnownFills.find(Key); Cached != KnownFills.end())
    return Cached->second;
  llvm::DenseSet<std::pair<const FunctionDecl *, unsigned>> Visiting;
  bool Result = mayFillFrom(Function, Param, Visiting);
  KnownFills[Key] = Result;
  return Result;
}

bool AcquisitionReach::mayFillFrom(
    const FunctionDecl *Function, unsigned Param,
    llvm::DenseSet<std::pair<const FunctionDecl *, unsigned>> &Visiting) {
  if (const FunctionRole *Role = Catalog.roleOf(Function))
    return Role->Acquires && Role->OutParam == static_cast<int>(Param);
  bool Opaque = false;
  const FunctionDecl *Definition = bodyOf(Function, Opaque);
  if (Opaque)
    return true;
  if (!Definition || !mayAcquire(Function))
    return false;
  // A cycle adds nothing the other uses do not already say.
  if (!Visiting.insert({Definition->getCanonicalDecl(), Param}).second)
    return false;
  if (Param >= Definition->getNumParams())
    return true;
  ParameterUses Uses(Definition->getParamDecl(Param),
                     Definition->getASTContext());
  Uses.TraverseStmt(Definition->getBody());
  if (Uses.MayFill)
    return true;
  for (const auto &[Call, Arg] : Uses.PassedTo) {
    // A member call's object is not among its arguments: leave it be.
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee &&
        (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call)))
      return true;
    if (Callee && mayFillFrom(Callee, Arg, Visiting))
      return true;
  }
  return false;
}

} // namespace clang::tidy::resource
