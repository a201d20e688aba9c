//===--- StorageWrites.cpp - resource-tidy --------------------------------===//

#include "engine/StorageWrites.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::resource {

llvm::SmallVector<StorageWrite, 2> writesOf(const Stmt *S,
                                            const HandleCatalog &Catalog) {
  llvm::SmallVector<StorageWrite, 2> Writes;
  // Every statement of every body is asked: most are none of these.
  if (!isa_and_nonnull<BinaryOperator, DeclStmt, CallExpr>(S))
    return Writes;
  if (auto [Container, Value] = insertionOf(S); Container) {
    Writes.push_back(
        {WriteKind::Insert, Container, nullptr, Value, nullptr, cast<Expr>(S)});
    return Writes;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      Writes.push_back({WriteKind::Assign, BO->getLHS(), nullptr, BO->getRHS(),
                        nullptr, BO});
    return Writes;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        Writes.push_back({WriteKind::Initialize, nullptr, Var, Var->getInit(),
                          nullptr, nullptr});
    return Writes;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return Writes;
  // `sp = std::make_shared<Conn>()`, `conn = Connection::open()`.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
      return Writes;
    // `std::tie(fd, err) = open_pair();`: one write per tied variable.
    if (const auto *Tie =
            dyn_cast<CallExpr>(Op->getArg(0)->IgnoreImplicit()->IgnoreParens());
        Tie && isStdTie(Tie)) {
      const Expr *Tuple = Op->getArg(1)->IgnoreImplicit()->IgnoreParens();
      const auto *Maker = dyn_cast<CallExpr>(Tuple);
      bool Spelled = Maker &&
                     (isStdCall(Maker, "make_pair", 2) ||
                      isStdCall(Maker, "make_tuple", Maker->getNumArgs())) &&
                     Maker->getNumArgs() == Tie->getNumArgs();
      for (unsigned I = 0; I < Tie->getNumArgs(); ++I)
        Writes.push_back({WriteKind::Unpack, Tie->getArg(I), nullptr,
                          Spelled ? Maker->getArg(I) : nullptr, nullptr, Op});
      return Writes;
    }
    Writes.push_back({WriteKind::Assign, Op->getArg(0), nullptr, Op->getArg(1),
                      nullptr, Op});
    return Writes;
  }
  // `sp.reset(p)`, `sp.reset()`.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    // On a std::atomic or std::optional of a handle: `fd.store(v)` and
    // `fd.emplace(v)` assign, `old = fd.exchange(v)` is std::exchange.
    // (store() is a member of libstdc++'s base class: the object is
    // converted to it.)
    const Expr *Object = Member->getImplicitObjectArgument();
    if (Object)
      Object = Object->IgnoreParenImpCasts();
    llvm::StringRef Name = Method && Method->getIdentifier()
                               ? Method->getName()
                               : llvm::StringRef();
    if ((Name == "store" || Name == "emplace" || Name == "exchange") &&
        Member->getNumArgs() >= 1 && Object &&
        !wrappedHandleType(Object->getType()).isNull()) {
      Writes.push_back(
          {Name == "exchange" ? WriteKind::Exchange : WriteKind::Assign, Object,
           nullptr, Member->getArg(0), nullptr, Member});
      return Writes;
    }
    // `sp.reset()`, and `fds.clear()` of a container of handles: the old
    // value is dropped.
    if (Method && Method->getIdentifier() &&
        (Method->getName() == "reset" ||
         classifyContainerCall(Member) == ContainerCall::Clear) &&
        Member->getImplicitObjectArgument())
      Writes.push_back({WriteKind::Reset, Member->getImplicitObjectArgument(),
                        nullptr,
                        Member->getNumArgs() ? Member->getArg(0) : nullptr,
                        nullptr, Member});
    return Writes;
  }
  if (isStdCall(Call, "exchange", 2)) {
    Writes.push_back({WriteKind::Exchange, Call->getArg(0), nullptr,
                      Call->getArg(1), nullptr, Call});
    return Writes;
  }
  if (isStdCall(Call, "swap", 2)) {
    Writes.push_back({WriteKind::Swap, Call->getArg(0), nullptr, nullptr,
                      Call->getArg(1), Call});
    return Writes;
  }
  const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
  // `bufferevent_setfd(bev, fd)`, `bufferevent_replacefd(bev, fd)`.
  if (const HeldAccess *Access = Role ? Catalog.heldAccessOf(Call) : nullptr;
      Access && Access->Kind != HeldAccessKind::Get) {
    StorageWrite Write{WriteKind::Hold, Call->getArg(Access->ObjectArg),
                       nullptr,         Call->getArg(Access->ValueArg),
                       nullptr,         Call};
    Write.Held = Access;
    Writes.push_back(Write);
    return Writes;
  }
  if (Role && Role->Acquires && Role->OutParam >= 0 &&
      static_cast<unsigned>(Role->OutParam) < Call->getNumArgs()) {
    StorageWrite Write{WriteKind::OutParameter,
                       Call->getArg(Role->OutParam),
                       nullptr,
                       nullptr,
                       nullptr,
                       Call};
    Write.Role = Role;
    Writes.push_back(Write);
  }
  return Writes;
}

bool isStdTie(const CallExpr *Call) {
  return Call && isStdCall(Call, "tie", Call->getNumArgs());
}

llvm::SmallVector<StorageKey, 2> keysWritten(const StorageWrite &Write,
                                             const ASTContext &Ctx) {
  llvm::SmallVector<StorageKey, 2> Keys;
  switch (Write.Kind) {
  case WriteKind::Initialize:
    Keys.push_back(StorageKey{Write.Var, -1});
    break;
  case WriteKind::OutParameter:
    Keys = outParameterTargets(Write.Target, *Write.Role, Ctx);
    break;
  case WriteKind::Hold:
    if (std::optional<StorageKey> Key =
            heldKeyOf(Write.Target, Write.Held->Slot, Ctx))
      Keys.push_back(*Key);
    break;
  case WriteKind::Swap:
    if (std::optional<StorageKey> Key = storageOf(Write.Other, Ctx))
      Keys.push_back(*Key);
    [[fallthrough]];
  default:
    if (std::optional<StorageKey> Key = storageOf(Write.Target, Ctx))
      Keys.insert(Keys.begin(), *Key);
    break;
  }
  return Keys;
}

std::optional<StorageKey> heldKeyOf(const Expr *Object, const HeldSlot *Slot,
                                    const ASTContext &Ctx) {
  std::optional<StorageKey> Key = storageOf(Object, Ctx);
  if (!Key || Key->Index >= 0 || Key->Held ||
      !Object->IgnoreParenImpCasts()->getType()->isPointerType())
    return std::nullopt;
  Key->Held = Slot;
  return Key;
}

void forEachPartOf(const VarDecl &Var, const ASTContext &Ctx,
                   llvm::function_ref<void(const StorageKey &)> Visit,
                   uint64_t MaxElements) {
  auto Elements = [&](QualType T, const FieldDecl *Field) {
    const auto *Array = Ctx.getAsConstantArrayType(T);
    if (!Array || Array->getLimitedSize() > MaxElements)
      return;
    for (uint64_t I = 0; I < Array->getLimitedSize(); ++I)
      Visit(StorageKey{&Var, static_cast<int>(I), Field});
  };
  QualType T = Var.getType();
  Elements(T, nullptr);
  const RecordDecl *Record = T->getAsRecordDecl();
  if (!Record || !Record->getDefinition())
    return;
  for (const FieldDecl *Field : Record->getDefinition()->fields()) {
    Visit(StorageKey{&Var, -1, Field});
    Elements(Field->getType(), Field);
  }
}

} // namespace clang::tidy::resource
