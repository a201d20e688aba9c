//===--- HandleFamilies.cpp - resource-tidy -------------------------------===//

#include "catalog/HandleFamilies.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include "clang/AST/TypeLoc.h"

namespace clang::tidy::resource {

const HandleFamily *HandleCatalog::addFamily(HandleFamily Family) {
  for (auto &Existing : Families) {
    if (Existing->Id == Family.Id) {
      *Existing = std::move(Family);
      return Existing.get();
    }
  }
  Families.push_back(std::make_unique<HandleFamily>(std::move(Family)));
  return Families.back().get();
}

const HandleFamily *HandleCatalog::family(llvm::StringRef Id) const {
  for (const auto &F : Families)
    if (F->Id == Id)
      return F.get();
  return nullptr;
}

FunctionRole &HandleCatalog::entry(llvm::StringRef Name,
                                   llvm::StringRef WhenReturnType) {
  NamedRoles.clear();
  llvm::SmallVector<FunctionRole, 1> &Variants = Roles[Name];
  for (FunctionRole &Role : Variants)
    if (Role.WhenReturnType == WhenReturnType)
      return Role;
  FunctionRole Role;
  Role.WhenReturnType = WhenReturnType.str();
  // Specific variants are tried before the general one.
  auto Pos = WhenReturnType.empty() ? Variants.end() : Variants.begin();
  return *Variants.insert(Pos, std::move(Role));
}

FunctionRole &HandleCatalog::addAcquire(llvm::StringRef Name,
                                        const HandleFamily *Family,
                                        llvm::StringRef Noun, int OutParam,
                                        unsigned OutCount,
                                        llvm::StringRef WhenReturnType) {
  FunctionRole &Role = entry(Name, WhenReturnType);
  Role.Acquires = Family;
  Role.AcquiredNoun = Noun.str();
  Role.OutParam = OutParam;
  Role.OutCount = OutCount;
  return Role;
}

static void setArgumentRole(FunctionRole &Role, unsigned ArgIndex,
                            ArgumentRole What) {
  if (Role.ArgRoles.size() <= ArgIndex)
    Role.ArgRoles.resize(ArgIndex + 1, ArgumentRole::Use);
  Role.ArgRoles[ArgIndex] = What;
}

void HandleCatalog::addRelease(llvm::StringRef Name, unsigned ArgIndex,
                               const HandleFamily *Family) {
  setArgumentRole(entry(Name, ""), ArgIndex, ArgumentRole::Release);
  if (Family)
    ReleaseFamilies.try_emplace(Name, Family);
}

const HandleFamily *
HandleCatalog::familyReleasedBy(const FunctionDecl *Callee) const {
  if (!Callee || !Callee->getIdentifier())
    return nullptr;
  auto It = ReleaseFamilies.find(Callee->getName());
  return It == ReleaseFamilies.end() ? nullptr : It->second;
}

llvm::MutableArrayRef<FunctionRole>
HandleCatalog::variantsOf(llvm::StringRef Name) {
  NamedRoles.clear();
  if (Roles[Name].empty())
    (void)entry(Name, "");
  return Roles[Name];
}

void HandleCatalog::addSink(llvm::StringRef Name, unsigned ArgIndex) {
  for (FunctionRole &Role : variantsOf(Name))
    setArgumentRole(Role, ArgIndex, ArgumentRole::Sink);
}

void HandleCatalog::addSinkAllArguments(llvm::StringRef Name) {
  for (FunctionRole &Role : variantsOf(Name)) {
    Role.ArgRoles.clear();
    Role.DefaultArgRole = ArgumentRole::Sink;
  }
}

void HandleCatalog::addUse(llvm::StringRef Name) { (void)entry(Name, ""); }

void HandleCatalog::addReturnsArgument(llvm::StringRef Name,
                                       unsigned ArgIndex) {
  for (FunctionRole &Role : variantsOf(Name)) {
    Role.ReturnsArgument = static_cast<int>(ArgIndex);
    // What it returns is not a new handle.
    Role.Acquires = nullptr;
  }
}

const Expr *HandleCatalog::returnedArgument(const CallExpr *Call) const {
  const FunctionRole *Role = Call ? roleOf(Call->getDirectCallee()) : nullptr;
  if (!Role || Role->ReturnsArgument < 0 ||
      static_cast<unsigned>(Role->ReturnsArgument) >= Call->getNumArgs())
    return nullptr;
  return Call->getArg(Role->ReturnsArgument);
}

const FunctionRole *HandleCatalog::roleOf(llvm::StringRef Name) const {
  auto It = Roles.find(Name);
  return It == Roles.end() || It->second.empty() ? nullptr : &It->second.back();
}

/// True when \p FD is a free function the catalog may describe by its plain
/// name: at global scope, in namespace std, or declared with C linkage.
static bool isLibraryFunction(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (DC->isTranslationUnit() || FD->isExternC())
    return true;
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
    return NS->isStdNamespace();
  return false;
}

const HeldSlot *HandleCatalog::addHeldSlot(const HandleFamily *Family,
                                           llvm::StringRef Getter) {
  for (const auto &Existing : HeldSlots)
    if (Existing->Getter == Getter) {
      Existing->Family = Family;
      return Existing.get();
    }
  HeldSlots.push_back(
      std::make_unique<HeldSlot>(HeldSlot{Family, Getter.str()}));
  return HeldSlots.back().get();
}

void HandleCatalog::addHeldAccess(llvm::StringRef Name,
                                  const HeldAccess &Access) {
  HeldAccesses[Name] = Access;
}

const HeldAccess *
HandleCatalog::heldAccessOf(const FunctionDecl *Callee) const {
  if (HeldAccesses.empty() || !Callee || !Callee->getIdentifier() ||
      !isLibraryFunction(Callee))
    return nullptr;
  auto It = HeldAccesses.find(Callee->getName());
  return It == HeldAccesses.end() ? nullptr : &It->second;
}

const HeldAccess *HandleCatalog::heldAccessOf(const CallExpr *Call) const {
  const HeldAccess *Access =
      Call ? heldAccessOf(Call->getDirectCallee()) : nullptr;
  if (!Access || Access->ObjectArg >= Call->getNumArgs() ||
      (Access->Kind != HeldAccessKind::Get &&
       Access->ValueArg >= Call->getNumArgs()))
    return nullptr;
  return Access;
}

/// The name of \p T as written, looking through one level of typedef sugar
/// only: `SOCKET` stays `SOCKET`.
static std::string returnTypeName(const FunctionDecl *FD) {
  QualType T = FD->getReturnType();
  if (const auto *Typedef = T->getAs<TypedefType>())
    return Typedef->getDecl()->getName().str();
  return T.getAsString();
}

bool HandleCatalog::isInvalidValueCall(const Expr *E) const {
  const auto *Call = dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Call->getNumArgs() == 0 && Callee->getIdentifier() &&
         !InvalidValueFunctions.empty() &&
         InvalidValueFunctions.contains(Callee->getName());
}

bool HandleCatalog::isNoReturnCall(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier() || NoReturnFunctions.empty())
    return false;
  // Runs on every call the analysis sees: build the qualified name only if
  // an entry needs it.
  return NoReturnFunctions.contains(Callee->getName()) ||
         (AnyQualifiedNoReturn &&
          NoReturnFunctions.contains(Callee->getQualifiedNameAsString()));
}

void HandleCatalog::learnAcquirer(const FunctionDecl *Function,
                                  const HandleFamily *Family,
                                  llvm::StringRef Noun) {
  auto Role = std::make_unique<FunctionRole>();
  Role->Acquires = Family;
  Role->AcquiredNoun = Noun.str();
  // What the wrapper does with its arguments is not modelled: they may be
  // kept (an old handle it closes or reuses), never "only used".
  Role->DefaultArgRole = ArgumentRole::Sink;
  LearnedRoles[Function->getCanonicalDecl()] = std::move(Role);
}

const FunctionRole *HandleCatalog::roleOf(const FunctionDecl *Callee) const {
  if (!Callee)
    return nullptr;
  if (const FunctionRole *FromAttributes = roleFromAttributes(Callee))
    return FromAttributes;
  if (!LearnedRoles.empty())
    if (auto Learned = LearnedRoles.find(Callee->getCanonicalDecl());
        Learned != LearnedRoles.end())
      return Learned->second.get();
  auto [Cached, Inserted] = NamedRoles.try_emplace(Callee, nullptr);
  if (Inserted)
    Cached->second = roleByName(Callee);
  return Cached->second;
}

const FunctionRole *
HandleCatalog::roleByName(const FunctionDecl *Callee) const {
  const IdentifierInfo *II = Callee->getIdentifier();
  if (!II)
    return nullptr;
  // Configured names may be qualified: "::mylib::connect".
  auto It = Roles.end();
  if (!isLibraryFunction(Callee))
    It = Roles.find("::" + Callee->getQualifiedNameAsString());
  else if ((It = Roles.find(II->getName())) == Roles.end())
    It = Roles.find("::" + II->getName().str());
  if (It == Roles.end())
    return nullptr;
  const FunctionRole *General = nullptr;
  std::string ReturnType;
  for (const FunctionRole &Role : It->second) {
    if (Role.WhenReturnType.empty()) {
      General = &Role;
      continue;
    }
    if (ReturnType.empty())
      ReturnType = returnTypeName(Callee);
    if (Role.WhenReturnType == ReturnType)
      return &Role;
  }
  return General;
}

/// The handle tag of an attribute, if it is one of clang's handle attributes.
template <typename AttrT> static const AttrT *handleAttr(const Decl *D) {
  return D ? D->getAttr<AttrT>() : nullptr;
}

const FunctionRole *
HandleCatalog::roleFromAttributes(const FunctionDecl *Callee) const {
  Callee = Callee->getFirstDecl();
  auto Cached = AttributeRoles.find(Callee);
  if (Cached != AttributeRoles.end())
    return Cached->second.get();

  auto Role = std::make_unique<FunctionRole>();
  bool Any = false;
  auto FamilyFor = [&](llvm::StringRef Tag) {
    const HandleFamily *&Family = AttributeFamilies[Tag];
    if (!Family) {
      auto Owned = std::make_unique<HandleFamily>();
      Owned->Id = ("attribute:" + Tag).str();
      Owned->LeakNoun = "handle";
      // The release function: any declaration here whose first parameter
      // carries release_handle with the same tag.
      const TranslationUnitDecl *TU =
          Callee->getASTContext().getTranslationUnitDecl();
      for (const Decl *D : TU->decls()) {
        const auto *FD = dyn_cast<FunctionDecl>(D);
        if (!FD || FD->getNumParams() != 1 || !FD->getIdentifier())
          continue;
        const auto *Release =
            handleAttr<ReleaseHandleAttr>(FD->getParamDecl(0));
        if (Release && Release->getHandleType() == Tag) {
          Owned->ReleaseFunction = FD->getName().str();
          break;
        }
      }
      Family = Owned.get();
      OwnedSynthesizedFamilies.push_back(std::move(Owned));
    }
    return Family;
  };

  for (const FunctionDecl *Redecl : Callee->redecls()) {
    // On a function, clang keeps acquire_handle on the function's type; the
    // type's source information carries the attribute itself (its tag).
    const auto *Acquire = handleAttr<AcquireHandleAttr>(Redecl);
    if (const TypeSourceInfo *TSI = Redecl->getTypeSourceInfo())
      for (TypeLoc TL = TSI->getTypeLoc(); !Acquire;) {
        auto Attributed = TL.getAs<AttributedTypeLoc>();
        if (!Attributed)
          break;
        Acquire = dyn_cast_or_null<AcquireHandleAttr>(Attributed.getAttr());
        TL = Attributed.getModifiedLoc();
      }
    if (Acquire) {
      Role->Acquires = FamilyFor(Acquire->getHandleType());
      Role->AcquiredNoun = (Acquire->getHandleType() + " handle").str();
      Any = true;
    }
    for (unsigned I = 0; I < Redecl->getNumParams(); ++I) {
      const ParmVarDecl *Param = Redecl->getParamDecl(I);
      if (const auto *Acquire = handleAttr<AcquireHandleAttr>(Param)) {
        if (Role->OutParam < 0) {
          Role->Acquires = FamilyFor(Acquire->getHandleType());
          Role->AcquiredNoun = (Acquire->getHandleType() + " handle").str();
          Role->OutParam = I;
        }
        Any = true;
      } else if (handleAttr<ReleaseHandleAttr>(Param)) {
        setArgumentRole(*Role, I, ArgumentRole::Release);
        Any = true;
      } else if (handleAttr<UseHandleAttr>(Param)) {
        Any = true;
      }
    }
  }
  // Annotated functions only use arguments they do not mention; others are
  // not described by attributes at all.
  const FunctionRole *Result = Any ? Role.get() : nullptr;
  AttributeRoles[Callee] = Any ? std::move(Role) : nullptr;
  return Result;
}

std::vector<std::string> HandleCatalog::acquireFunctionNames() const {
  std::vector<std::string> Names;
  for (const auto &Entry : Roles) {
    bool Acquires = false;
    for (const FunctionRole &Role : Entry.second)
      Acquires |= Role.Acquires != nullptr;
    if (Acquires)
      Names.push_back(Entry.first().str());
  }
  llvm::sort(Names);
  return Names;
}

} // namespace clang::tidy::resource
