//===--- HandleContainers.cpp - resource-tidy -----------------------------===//

#include "engine/HandleContainers.h"
#include "engine/StorageKey.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::resource {

QualType containerElementType(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier())
    return QualType();
  // Which template argument is the element: the mapped type of a map.
  llvm::StringRef Name = Spec->getName();
  int Argument = -1;
  if (llvm::is_contained({"vector", "deque", "list", "forward_list", "set",
                          "multiset", "unordered_set", "unordered_multiset"},
                         Name))
    Argument = 0;
  else if (llvm::is_contained(
               {"map", "multimap", "unordered_map", "unordered_multimap"},
               Name))
    Argument = 1;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Argument < 0 || static_cast<unsigned>(Argument) >= Args.size() ||
      Args[Argument].getKind() != TemplateArgument::Type)
    return QualType();
  QualType Element = Args[Argument].getAsType();
  if (!Element->isPointerType() &&
      !(Element->isIntegerType() && !Element->isBooleanType()))
    return QualType();
  return Element;
}

const VarDecl *handleContainer(const Expr *E) {
  const auto *Ref =
      E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  // `for (int fd : fds)` names fds through `auto &&__range = fds`.
  if (const VarDecl *Bound = Var ? boundVariable(Var) : nullptr)
    Var = Bound;
  if (!Var || Var->getType()->isReferenceType() ||
      !(isa<ParmVarDecl>(Var) ||
        (Var->isLocalVarDecl() && !Var->isStaticLocal())))
    return nullptr;
  return containerElementType(Var->getType()).isNull() ? nullptr : Var;
}

const CXXConstructExpr *containerCopy(const Expr *E) {
  const auto *Construct =
      E ? dyn_cast<CXXConstructExpr>(E->IgnoreImplicit()) : nullptr;
  return Construct && Construct->getNumArgs() == 1 &&
                 Construct->getConstructor()->isCopyOrMoveConstructor() &&
                 handleContainer(Construct->getArg(0))
             ? Construct
             : nullptr;
}

static llvm::StringRef methodName(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  return Method && Method->getIdentifier() ? Method->getName()
                                           : llvm::StringRef();
}

const Expr *containerElementRead(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
                   handleContainer(Op->getArg(0))
               ? Op->getArg(0)
               : nullptr;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
  if (!Member || !handleContainer(Member->getImplicitObjectArgument()))
    return nullptr;
  llvm::StringRef Name = methodName(Member);
  return Name == "at" || Name == "front" || Name == "back"
             ? Member->getImplicitObjectArgument()
             : nullptr;
}

/// The value a member call puts into its container, when it puts one
/// element of the container's element type (`insert(pos, first, last)`
/// and a map's `insert(pair)` are not followed).
static const Expr *insertedValue(const CXXMemberCallExpr *Call) {
  llvm::StringRef Name = methodName(Call);
  bool Inserts = llvm::is_contained({"push_back", "push_front", "emplace_back",
                                     "emplace_front", "insert", "emplace",
                                     "emplace_hint", "insert_or_assign"},
                                    Name);
  const VarDecl *Container = handleContainer(Call->getImplicitObjectArgument());
  if (!Inserts || !Container || Call->getNumArgs() == 0)
    return nullptr;
  const Expr *Value = Call->getArg(Call->getNumArgs() - 1);
  QualType Element = containerElementType(Container->getType());
  QualType Given = Value->IgnoreImpCasts()->getType();
  return Given.getCanonicalType().getUnqualifiedType() ==
                 Element.getCanonicalType().getUnqualifiedType()
             ? Value
             : nullptr;
}

ContainerCall classifyContainerCall(const CXXMemberCallExpr *Call) {
  if (!Call || !handleContainer(Call->getImplicitObjectArgument()))
    return ContainerCall::None;
  if (insertedValue(Call))
    return ContainerCall::Insert;
  llvm::StringRef Name = methodName(Call);
  if (llvm::is_contained({"size", "empty", "max_size", "capacity", "count",
                          "contains", "at", "front", "back", "reserve",
                          "shrink_to_fit"},
                         Name))
    return ContainerCall::Read;
  if (llvm::is_contained({"begin", "end", "cbegin", "cend", "rbegin", "rend",
                          "crbegin", "crend", "before_begin", "data", "find",
                          "lower_bound", "upper_bound", "equal_range"},
                         Name))
    return ContainerCall::Iterator;
  if (Name == "clear" && Call->getNumArgs() == 0)
    return ContainerCall::Clear;
  return ContainerCall::Change;
}

std::pair<const Expr *, const Expr *> insertionOf(const Stmt *S) {
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(S)) {
    if (Assign->getOpcode() == BO_Assign)
      if (const Expr *Container = containerElementRead(Assign->getLHS()))
        return {Container, Assign->getRHS()};
    return {nullptr, nullptr};
  }
  if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(S))
    if (const Expr *Value = insertedValue(Member))
      return {Member->getImplicitObjectArgument(), Value};
  return {nullptr, nullptr};
}

} // namespace clang::tidy::resource
