//===--- ConnectionObjects.cpp - resource-tidy ----------------------------===//
//
// C++ connection objects: a raw pointer holding `new T(...)`, where T (or a
// base) has a release method such as close() or is a configured connection
// class, is a handle. `p->close()` or `delete p` releases it. Smart pointers
// are not handles here: their destructor releases the object.
//
//===----------------------------------------------------------------------===//

#include "catalog/HandleFamilies.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::resource {

namespace {

/// True when \p Method can be called as `p->name()`.
/// A release method closes its own object: it takes no arguments and is
/// not const (Qt's `QObject::disconnect() const` drops signal connections,
/// it closes nothing).
bool isCallableWithoutArguments(const CXXMethodDecl *Method) {
  return !Method->isStatic() && !Method->isConst() &&
         Method->getMinRequiredArguments() == 0;
}

/// Constructor parameters through which a framework's object is given an
/// owner that deletes it (Qt's `QObject *parent`).
constexpr llvm::StringLiteral OwnerParameters[] = {"parent"};

/// `new QTcpSocket(this)`: the object is created with an owner.
bool isCreatedWithOwner(const CXXNewExpr *New, const ASTContext &Ctx) {
  const CXXConstructExpr *Construct = New->getConstructExpr();
  const CXXConstructorDecl *Ctor =
      Construct ? Construct->getConstructor() : nullptr;
  if (!Ctor)
    return false;
  for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams();
       ++I) {
    const ParmVarDecl *Param = Ctor->getParamDecl(I);
    const Expr *Arg = Construct->getArg(I);
    if (Param->getIdentifier() && Param->getType()->isPointerType() &&
        llvm::is_contained(OwnerParameters, Param->getName()) &&
        !isa<CXXDefaultArgExpr>(Arg) &&
        Arg->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                   Expr::NPC_ValueDependentIsNotNull) ==
            Expr::NPCK_NotNull)
      return true;
  }
  return false;
}

/// Finds, in \p Class or a base, a method named one of \p Names that takes
/// no arguments. Returns its name, or "".
std::string findMethod(const CXXRecordDecl *Class,
                       llvm::ArrayRef<std::string> Names, unsigned Depth = 0) {
  if (!Class || !Class->hasDefinition() || Depth > 8)
    return "";
  Class = Class->getDefinition();
  ASTContext &Ctx = Class->getASTContext();
  for (const std::string &Name : Names)
    for (const NamedDecl *D :
         Class->lookup(DeclarationName(&Ctx.Idents.get(Name))))
      if (const auto *Method = dyn_cast<CXXMethodDecl>(D->getUnderlyingDecl()))
        if (isCallableWithoutArguments(Method))
          return Name;
  for (const CXXBaseSpecifier &Base : Class->bases())
    if (std::string Found =
            findMethod(Base.getType()->getAsCXXRecordDecl(), Names, Depth + 1);
        !Found.empty())
      return Found;
  return "";
}

/// True when \p Class's destructor, defined here, calls a release method on
/// its own object: `delete p` then closes the connection by itself.
class DestructorReleaseFinder
    : public RecursiveASTVisitor<DestructorReleaseFinder> {
public:
  DestructorReleaseFinder(const HandleCatalog &Catalog) : Catalog(Catalog) {}
  bool Found = false;
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const Expr *Object = Call->getImplicitObjectArgument();
    if (Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts()) &&
        Catalog.isReleaseMethod(Call->getMethodDecl()))
      Found = true;
    return !Found;
  }

private:
  const HandleCatalog &Catalog;
};

} // namespace

void HandleCatalog::setReleaseMethods(llvm::ArrayRef<std::string> Methods) {
  ReleaseMethods.assign(Methods.begin(), Methods.end());
  ClassRoles.clear();
}

void HandleCatalog::addConnectionClass(llvm::StringRef QualifiedName,
                                       llvm::ArrayRef<std::string> Methods) {
  QualifiedName.consume_front("::");
  ConnectionClasses[QualifiedName].assign(Methods.begin(), Methods.end());
  ClassRoles.clear();
}

std::string HandleCatalog::releaseMethodOf(const CXXRecordDecl *Class) const {
  return findMethod(Class, ReleaseMethods);
}

bool HandleCatalog::isReleaseMethod(const CXXMethodDecl *Method) const {
  if (!Method || !Method->getIdentifier() ||
      !isCallableWithoutArguments(Method))
    return false;
  llvm::StringRef Name = Method->getName();
  if (llvm::is_contained(ReleaseMethods, Name) ||
      llvm::is_contained(DeferredDeleteMethods, Name))
    return true;
  auto It =
      ConnectionClasses.find(Method->getParent()->getQualifiedNameAsString());
  return It != ConnectionClasses.end() && llvm::is_contained(It->second, Name);
}

const FunctionRole *HandleCatalog::roleOfNew(const CXXNewExpr *New) const {
  if (!New || New->isArray())
    return nullptr;
  // Placement new (`new (buffer) T`) builds in memory someone else owns:
  // nothing for `delete` to free. `new (std::nothrow) T` allocates.
  if (New->getNumPlacementArgs() > 0) {
    const CXXRecordDecl *Tag =
        New->getPlacementArg(0)->getType()->getAsCXXRecordDecl();
    if (!Tag || !Tag->getIdentifier() || Tag->getName() != "nothrow_t")
      return nullptr;
  }
  const FunctionRole *Role =
      classRole(New->getAllocatedType()->getAsCXXRecordDecl());
  // An object given an owner at construction is the owner's to delete.
  if (Role &&
      isCreatedWithOwner(
          New, New->getAllocatedType()->getAsCXXRecordDecl()->getASTContext()))
    return nullptr;
  return Role;
}

const FunctionRole *HandleCatalog::classRole(const CXXRecordDecl *Class) const {
  if (!Class || !Class->hasDefinition())
    return nullptr;
  Class = Class->getDefinition();
  auto Cached = ClassRoles.find(Class);
  if (Cached != ClassRoles.end())
    return Cached->second.get();

  std::string Method;
  bool Configured = false;
  auto It = ConnectionClasses.find(Class->getQualifiedNameAsString());
  if (It != ConnectionClasses.end()) {
    Configured = true;
    Method = findMethod(Class, It->second);
  }
  if (Method.empty())
    Method = releaseMethodOf(Class);
  if (!Configured && Method.empty()) {
    ClassRoles[Class] = nullptr;
    return nullptr;
  }

  // When the destructor closes the connection, `delete p` is enough.
  if (const CXXDestructorDecl *Dtor = Class->getDestructor())
    if (const FunctionDecl *Definition = Dtor->getDefinition();
        Definition && Definition->getBody()) {
      DestructorReleaseFinder Finder(*this);
      Finder.TraverseStmt(Definition->getBody());
      if (Finder.Found)
        Method.clear();
    }

  auto Family = std::make_unique<HandleFamily>();
  Family->Id = "class:" + Class->getQualifiedNameAsString();
  Family->Invalid = InvalidValueKind::NullPointer;
  // `delete nullptr` is fine, `nullptr->close()` is not.
  Family->ReleaseAcceptsInvalid = Method.empty();
  Family->LeakNoun = "object";
  Family->DeleteObject = true;
  Family->ReleaseMethod = Method;
  auto Role = std::make_unique<FunctionRole>();
  Role->Acquires = Family.get();
  Role->AcquiredNoun = "'" + Class->getNameAsString() + "' object";
  const FunctionRole *Result = Role.get();
  OwnedSynthesizedFamilies.push_back(std::move(Family));
  ClassRoles[Class] = std::move(Role);
  return Result;
}

void HandleCatalog::setSharedPointerConnections(bool Enabled) {
  SharedPointerConnections = Enabled;
  ObjectStorageRoles.clear();
}

void HandleCatalog::addValueHandleClass(llvm::StringRef QualifiedName) {
  QualifiedName.consume_front("::");
  ValueHandleClasses.insert(QualifiedName);
  ObjectStorageRoles.clear();
}

/// T when \p Class is std::shared_ptr<T>, else null.
static const CXXRecordDecl *sharedPointee(const CXXRecordDecl *Class) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Class);
  if (!Spec || Spec->getName() != "shared_ptr" ||
      !Spec->getDeclContext()->isStdNamespace() ||
      Spec->getTemplateArgs().size() < 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
}

const FunctionRole *HandleCatalog::objectStorageRole(QualType T) const {
  if (T.isNull())
    return nullptr;
  const CXXRecordDecl *Class = T->getAsCXXRecordDecl();
  if (!Class || (!SharedPointerConnections && ValueHandleClasses.empty()))
    return nullptr;
  const Type *Key = T->getCanonicalTypeUnqualified().getTypePtr();
  auto Cached = ObjectStorageRoles.find(Key);
  if (Cached != ObjectStorageRoles.end())
    return Cached->second.get();

  std::unique_ptr<HandleFamily> Family;
  std::string Noun;
  if (const CXXRecordDecl *Pointee = sharedPointee(Class);
      Pointee && SharedPointerConnections) {
    if (const FunctionRole *PointeeRole = classRole(Pointee);
        PointeeRole && !PointeeRole->Acquires->ReleaseMethod.empty()) {
      Family = std::make_unique<HandleFamily>(*PointeeRole->Acquires);
      Family->Id = "shared:" + Pointee->getQualifiedNameAsString();
      Family->DeleteObject = false;
      Family->ObjectAccess = "->";
      Noun = "'" + Pointee->getNameAsString() + "' object";
    }
  } else if (Class->hasDefinition() &&
             ValueHandleClasses.contains(Class->getQualifiedNameAsString())) {
    Family = std::make_unique<HandleFamily>();
    Family->Id = "value:" + Class->getQualifiedNameAsString();
    Family->ReleaseMethod = releaseMethodOf(Class);
    auto Configured = ConnectionClasses.find(Class->getQualifiedNameAsString());
    if (Configured != ConnectionClasses.end())
      Family->ReleaseMethod = findMethod(Class, Configured->second);
    Family->ObjectAccess = ".";
    Family->LeakNoun = "connection";
    // A value cannot be tested for validity in general: no guard.
    Family->Invalid = InvalidValueKind::Sentinel;
    Family->ReleaseAcceptsInvalid = true;
    Noun = "'" + Class->getNameAsString() + "' connection";
  }
  if (!Family) {
    ObjectStorageRoles[Key] = nullptr;
    return nullptr;
  }
  auto Role = std::make_unique<FunctionRole>();
  Role->Acquires = Family.get();
  Role->AcquiredNoun = Noun;
  OwnedSynthesizedFamilies.push_back(std::move(Family));
  const FunctionRole *Result = Role.get();
  ObjectStorageRoles[Key] = std::move(Role);
  return Result;
}

/// True when \p Construct makes a new object from scratch: not a copy or
/// move of an existing one, not default construction, not from null.
static bool constructsFreshObject(const CXXConstructExpr *Construct) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  if (!Ctor || Ctor->isCopyOrMoveConstructor() || Construct->getNumArgs() == 0)
    return false;
  const Expr *First = Construct->getArg(0)->IgnoreParenImpCasts();
  return !isa<CXXNullPtrLiteralExpr, GNUNullExpr>(First);
}

const FunctionRole *HandleCatalog::acquisitionRole(const Expr *E) const {
  if (!E)
    return nullptr;
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return roleOfNew(New);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionRole *Role = roleOf(Call->getDirectCallee());
    if (Role && Role->Acquires)
      return Role;
  }
  // Class-typed handles: a fresh shared_ptr / value object.
  const FunctionRole *Storage = objectStorageRole(E->getType());
  if (!Storage)
    return nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return constructsFreshObject(Construct) ? Storage : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // A shared_ptr comes from make_shared / allocate_shared; a value class
    // from any function returning one by value.
    if (Storage->Acquires->ObjectAccess == "->") {
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool Maker = Callee && Callee->getIdentifier() &&
                   (Callee->getName() == "make_shared" ||
                    Callee->getName() == "allocate_shared");
      return Maker ? Storage : nullptr;
    }
    return isa<CXXOperatorCallExpr>(Call) ? nullptr : Storage;
  }
  return nullptr;
}

} // namespace clang::tidy::resource
