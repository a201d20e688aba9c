//===--- AcquisitionReach.cpp - resource-tidy -----------------------------===//

#include "engine/AcquisitionReach.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::resource {

namespace {

/// Lambdas and blocks inside the body count: what they do may be part of
/// the body's summary (a closure called in place).
class FactsCollector : public RecursiveASTVisitor<FactsCollector> {
public:
  FactsCollector(const HandleCatalog &Catalog, bool &Acquires,
                 llvm::SmallVectorImpl<const FunctionDecl *> &Reached)
      : Catalog(Catalog), Acquires(Acquires), Reached(Reached) {}

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
