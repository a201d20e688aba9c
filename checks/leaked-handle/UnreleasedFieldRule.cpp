//===--- UnreleasedFieldRule.cpp - resource-tidy --------------------------===//

#include "leaked-handle/UnreleasedFieldRule.h"
#include "engine/HandleExprs.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::resource {

namespace {

/// What the class's code does with one handle field.
struct FieldUses {
  /// An acquisition stored into it by a constructor.
  const Expr *AcquiredAt = nullptr;
  /// Released, handed over, or used in a way the rule does not follow.
  bool MayBeClosed = false;
};

/// Walks member function bodies, sorting each mention of a candidate field.
class FieldUseScanner {
public:
  FieldUseScanner(const HandleCatalog &Catalog,
                  llvm::DenseMap<const FieldDecl *, FieldUses> &Uses)
      : Catalog(Catalog), Uses(Uses) {}

  /// Scans \p S, a statement of a constructor when \p InConstructor.
  void scan(const Stmt *S, bool InConstructor) {
    Constructor = InConstructor;
    visit(S);
  }

  /// A constructor's member initializer `data(fopen(...))`.
  void scanInitializer(const FieldDecl *Field, const Expr *Init) {
    Constructor = true;
    auto It = Uses.find(Field);
    if (It != Uses.end() && !It->second.AcquiredAt)
      It->second.AcquiredAt = asAcquisition(Init, Catalog);
    visit(Init);
  }

private:
  /// The candidate field \p E names, as a member of `*this` or of another
  /// object (then it counts as handed over: `other.data`).
  FieldUses *fieldOf(const Expr *E) {
    const auto *Member =
        E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    auto It = Field ? Uses.find(Field) : Uses.end();
    if (It == Uses.end())
      return nullptr;
    if (!isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
      It->second.MayBeClosed = true;
      return nullptr;
    }
    return &It->second;
  }

  /// True when \p E only tests the field (`data != NULL`, `!data`, `if
  /// (data)`).
  bool isTestOfField(const Expr *E) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
      if (Cast->getCastKind() == CK_PointerToBoolean ||
          Cast->getCastKind() == CK_IntegralToBoolean)
        return fieldOf(Cast->getSubExpr()) != nullptr;
    if (const auto *Not = dyn_cast<UnaryOperator>(E))
      return Not->getOpcode() == UO_LNot && fieldOf(Not->getSubExpr());
    return false;
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (FieldUses *Uses = fieldOf(E)) {
        Uses->MayBeClosed = true; // A mention the rule does not follow.
        return;
      }
      if (isTestOfField(E))
        return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->getOpcode() == BO_Assign)
        if (FieldUses *Target = fieldOf(BO->getLHS())) {
          if (Constructor && !Target->AcquiredAt)
            Target->AcquiredAt = asAcquisition(BO->getRHS(), Catalog);
          visit(BO->getRHS());
          return;
        }
      if (BO->isComparisonOp()) {
        for (const Expr *Side : {BO->getLHS(), BO->getRHS()})
          if (!fieldOf(Side))
            visit(Side);
        return;
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (FieldUses *Arg = fieldOf(stripValueWrappers(Call->getArg(I)))) {
          // `fprintf(data, ...)` only reads it; anything else may close it.
          if (!Role || Role->roleOfArgument(I) != ArgumentRole::Use)
            Arg->MayBeClosed = true;
          continue;
        }
        visit(Call->getArg(I));
      }
      visit(Call->getCallee());
      return;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }

  const HandleCatalog &Catalog;
  llvm::DenseMap<const FieldDecl *, FieldUses> &Uses;
  bool Constructor = false;
};

/// True when this TU shows every member function of \p Class, and nothing
/// but them can reach its private fields.
bool allCodeVisible(const CXXRecordDecl &Class) {
  if (Class.hasFriends() || Class.isDependentContext() ||
      isa<ClassTemplateSpecializationDecl>(Class))
    return false;
  for (const Decl *Member : Class.decls()) {
    if (isa<FunctionTemplateDecl>(Member))
      return false;
    // A nested class may use the private fields too.
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(Member);
        Nested && !Nested->isInjectedClassName())
      return false;
    const auto *Method = dyn_cast<CXXMethodDecl>(Member);
    if (!Method || Method->isImplicit() || Method->isDeleted() ||
        Method->isDefaulted())
      continue;
    if (!Method->hasBody())
      return false;
  }
  return true;
}

} // namespace

llvm::SmallVector<UnreleasedField, 1>
findUnreleasedFields(const CXXDestructorDecl &Destructor,
                     const HandleCatalog &Catalog) {
  llvm::SmallVector<UnreleasedField, 1> Found;
  const CXXRecordDecl *Class = Destructor.getParent();
  if (!Class || !Destructor.hasBody() || !allCodeVisible(*Class))
    return Found;
  llvm::DenseMap<const FieldDecl *, FieldUses> Uses;
  for (const FieldDecl *Field : Class->fields()) {
    QualType T = Field->getType();
    if (Field->getAccess() == AS_private &&
        ((T->isIntegerType() && !T->isBooleanType()) || T->isAnyPointerType() ||
         Catalog.objectStorageRole(T)))
      Uses[Field];
  }
  if (Uses.empty())
    return Found;
  FieldUseScanner Scanner(Catalog, Uses);
  for (const Decl *Member : Class->decls()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member);
    const FunctionDecl *Definition = nullptr;
    if (!Method || Method->isImplicit() || !Method->hasBody(Definition))
      continue;
    const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition);
    if (Constructor)
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->isMemberInitializer() && Init->isWritten())
          Scanner.scanInitializer(Init->getMember(), Init->getInit());
    Scanner.scan(Definition->getBody(), Constructor != nullptr);
  }
  for (const FieldDecl *Field : Class->fields()) {
    auto It = Uses.find(Field);
    if (It != Uses.end() && It->second.AcquiredAt && !It->second.MayBeClosed)
      Found.push_back({Field, It->second.AcquiredAt});
  }
  return Found;
}

} // namespace clang::tidy::resource
