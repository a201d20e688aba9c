//===--- StorageKey.cpp - resource-tidy -----------------------------------===//

#include "engine/StorageKey.h"
#include "catalog/HandleFamilies.h"
#include "engine/HandleContainers.h"
#include "engine/PointerBindings.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::resource {

std::string StorageKey::spelling() const {
  if (Held)
    return Held->Getter + "(" + holder().spelling() + ")";
  std::string Name;
  if (Field) {
    if (Var)
      Name = (Var->getName() + (Var->getType()->isPointerType() ? "->" : ".") +
              Field->getName())
                 .str();
    else
      Name = Field->getName().str();
  } else {
    Name = Var ? Var->getName().str() : std::string("<storage>");
  }
  if (isPointee() && Index == 0)
    return "*" + Name;
  if (Index >= 0)
    Name += "[" + std::to_string(Index) + "]";
  return Name;
}

bool StorageKey::isPointee() const { return pointeeParameter() != nullptr; }

const ParmVarDecl *StorageKey::pointeeParameter() const {
  if (!Var || Field || Index < 0 || !Var->getType()->isPointerType())
    return nullptr;
  if (const auto *Param = dyn_cast<ParmVarDecl>(Var))
    return Param;
  return viewedPointerParameter(Var);
}

QualType StorageKey::type(const ASTContext &Ctx) const {
  // The handles library objects hold are descriptors.
  if (Held)
    return Ctx.IntTy;
  QualType Whole = wholeType();
  // A container of handles holds what its elements hold.
  if (Var && !Field && Index < 0 && !Var->getType()->isReferenceType())
    if (QualType Element = containerElementType(Whole); !Element.isNull())
      return Element;
  if (Whole.isNull() || Index < 0)
    return Whole;
  if (isPointee())
    return Whole->getPointeeType();
  const auto *Array = Ctx.getAsConstantArrayType(Whole);
  return Array ? Array->getElementType() : QualType();
}

QualType StorageKey::wholeType() const {
  if (Field)
    return Field->getType();
  if (!Var)
    return QualType();
  return Index >= 0 ? Var->getType() : Var->getType().getNonReferenceType();
}

bool StorageKey::outlivesCall() const {
  // The object a pointer parameter points to is the caller's.
  if (Held && Var && !Field && Index < 0 &&
      (isa<ParmVarDecl>(Var) || viewedParameter(Var)) &&
      Var->getType()->isPointerType())
    return true;
  if (!Var)
    return Field != nullptr; // A field of *this.
  if (Var->hasGlobalStorage() || isPointee())
    return true;
  QualType T = Var->getType();
  if (T->isReferenceType())
    return true;
  // A field reached through a pointer parameter lives in the caller's
  // object, also through a local pointer that views it (`struct app *app =
  // user_data;`); through another local pointer it may well be fresh memory.
  return Field && T->isPointerType() &&
         (isa<ParmVarDecl>(Var) || viewedParameter(Var));
}

const ParmVarDecl *viewedParameter(const VarDecl *Var) {
  if (!Var || isa<ParmVarDecl>(Var) || !Var->isLocalVarDecl() ||
      Var->isStaticLocal() || !Var->getType()->isPointerType() ||
      !Var->getInit())
    return nullptr;
  // `user_data`, `(struct app *)arg`, `ud->data`, `*slot`.
  const Expr *E = Var->getInit()->IgnoreParenCasts();
  while (true) {
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase()->IgnoreParenCasts();
    else if (const auto *Deref = dyn_cast<UnaryOperator>(E);
             Deref && Deref->getOpcode() == UO_Deref)
      E = Deref->getSubExpr()->IgnoreParenCasts();
    else
      break;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Param->getDeclContext() == Var->getDeclContext() ? Param
                                                                   : nullptr;
}

const ValueDecl *StorageKey::identity() const {
  // A held handle has no declaration of its own: a field's identity would
  // stand for the object pointer stored there.
  if (Held)
    return nullptr;
  if (Field)
    return Field;
  if (Var && Var->hasGlobalStorage())
    return Var;
  return nullptr;
}

const DeclContext *owningContext(const VarDecl *Var) {
  const DeclContext *Context = Var->getDeclContext();
  while (isa<CapturedDecl>(Context) && Context->getParent())
    Context = Context->getParent();
  return Context;
}

const FieldDecl *firstOverlappingField(const FieldDecl *Field) {
  const RecordDecl *Record = Field->getParent();
  if (!Record->isUnion())
    return Field;
  QualType T = Field->getType().getCanonicalType();
  for (const FieldDecl *Member : Record->fields())
    if (Member->getType().getCanonicalType() == T)
      return Member;
  return Field;
}

const VarDecl *boundVariable(const VarDecl *Reference) {
  if (!Reference->isLocalVarDecl() || Reference->isStaticLocal() ||
      !Reference->getType()->isLValueReferenceType() || !Reference->getInit())
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Reference->getInit()->IgnoreParenImpCasts());
  const auto *Bound = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Bound && !Bound->getType()->isReferenceType() &&
                 Bound->getType().getCanonicalType() ==
                     Reference->getType()
                         .getNonReferenceType()
                         .getCanonicalType()
             ? Bound
             : nullptr;
}

std::optional<StorageKey> storageOf(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return std::nullopt;
    // `FILE *&alias = data;`: a local reference is another spelling of the
    // variable it is bound to (it cannot be re-bound).
    if (const VarDecl *Bound = boundVariable(Var))
      return StorageKey{Bound, -1};
    return StorageKey{Var, -1};
  }
  // `*out` for a pointer parameter `out`: the caller's storage.
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Deref->getSubExpr()->IgnoreParenImpCasts());
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (Param && Param->getType()->isPointerType())
      return StorageKey{Param, 0};
    // `*dataPtr` for `FILE **dataPtr = &data;`: `data`.
    const auto *Pointer = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (const VarDecl *Pointee = pointedVariable(Pointer))
      return StorageKey{Pointee, -1};
    // `*dataPtr` for `FILE **dataPtr = (FILE **)dataVoidPtr;`: the caller's.
    if (viewedPointerParameter(Pointer))
      return StorageKey{Pointer, 0};
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    Field = firstOverlappingField(Field);
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return StorageKey{nullptr, -1, Field};
    if (const auto *BaseRef = dyn_cast<DeclRefExpr>(Base))
      if (const auto *Var = dyn_cast<VarDecl>(BaseRef->getDecl()))
        return StorageKey{Var, -1, Field};
    return std::nullopt;
  }
  // `v[2]`, `v.back()` of a local container of handles: the container.
  if (const Expr *Container = containerElementRead(E))
    return storageOf(Container, Ctx);
  // An element at a constant index of an array variable or array field:
  // `fds[1]`, `s.fds[0]`, `c->fds[1]`, `fds_[0]` (a field of *this); or
  // of what a pointer parameter points to (`fds[1]` for `int *fds`).
  const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E);
  if (!Subscript)
    return std::nullopt;
  std::optional<StorageKey> Array = storageOf(Subscript->getBase(), Ctx);
  const Expr *IndexExpr = Subscript->getIdx();
  bool PointedTo = Array && !Array->Field && Array->Index < 0 && Array->Var &&
                   StorageKey{Array->Var, 0}.isPointee();
  if (!Array || Array->Index >= 0 ||
      (!Array->wholeType()->isConstantArrayType() && !PointedTo) ||
      IndexExpr->isValueDependent() || IndexExpr->containsErrors())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!IndexExpr->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &Index = Result.Val.getInt();
  if (Index.isNegative() || Index.getActiveBits() > 16)
    return std::nullopt;
  Array->Index = static_cast<int>(Index.getZExtValue());
  return Array;
}

bool isStorageRead(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  return isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, UnaryOperator>(E) ||
         containerElementRead(E);
}

} // namespace clang::tidy::resource
