//===--- HandleExprs.cpp - resource-tidy ----------------------------------===//

#include "engine/HandleExprs.h"
#include "engine/HandleContainers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::resource {

const Expr *forwardedArgument(const CallExpr *Call) {
  switch (Call->getBuiltinCallee()) {
  case Builtin::BImove:
  case Builtin::BIforward:
  case Builtin::BIforward_like:
  case Builtin::BImove_if_noexcept:
  case Builtin::BIas_const:
    return Call->getNumArgs() == 1 ? Call->getArg(0) : nullptr;
  default:
    return nullptr;
  }
}

bool takesAddressOf(const CallExpr *Call) {
  switch (Call->getBuiltinCallee()) {
  case Builtin::BIaddressof:
  case Builtin::BI__addressof:
  case Builtin::BI__builtin_addressof:
    return true;
  default:
    return false;
  }
}

bool isStdCall(const CallExpr *Call, llvm::StringRef Name, unsigned NumArgs) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName() == Name &&
         Call->getNumArgs() == NumArgs &&
         Callee->getDeclContext()->getRedeclContext()->isStdNamespace();
}

QualType wrappedHandleType(QualType T) {
  const auto *Class = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T->getAsCXXRecordDecl());
  if (!Class || !Class->getIdentifier() ||
      (Class->getName() != "atomic" && Class->getName() != "optional") ||
      !Class->isInStdNamespace() || Class->getTemplateArgs().size() != 1 ||
      Class->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  QualType Value = Class->getTemplateArgs()[0].getAsType();
  return Value->isIntegerType() || Value->isAnyPointerType() ? Value
                                                             : QualType();
}

bool isOptionalHandle(QualType T) {
  const auto *Class = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return !wrappedHandleType(T).isNull() && Class->getName() == "optional";
}

/// What reads the value a wrapper holds: `a.load()`, the conversion
/// `int(a)` of a std::atomic; `*o`, `o.value()` of a std::optional. The
/// wrapper, or null.
static const Expr *wrapperRead(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    const Expr *Object =
        Op->getNumArgs() == 1 ? Op->getArg(0)->IgnoreParenImpCasts() : nullptr;
    return Op->getOperator() == OO_Star && Object &&
                   isOptionalHandle(Object->getType())
               ? Object
               : nullptr;
  }
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  // load() is a member of libstdc++'s base class: the object is converted
  // to it.
  const Expr *Object =
      Member && Member->getImplicitObjectArgument()
          ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
          : nullptr;
  if (!Method || !Object || wrappedHandleType(Object->getType()).isNull())
    return nullptr;
  llvm::StringRef Name =
      Method->getIdentifier() ? Method->getName() : llvm::StringRef();
  bool Reads = isOptionalHandle(Object->getType())
                   ? Name == "value"
                   : isa<CXXConversionDecl>(Method) || Name == "load";
  return Reads ? Object : nullptr;
}

const Expr *withoutAddressOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  return E;
}

const Expr *stripValueWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts();
    if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      if (const Expr *Arg = forwardedArgument(Call))
        Next = Arg;
      else if (const Expr *Wrapper = wrapperRead(Call))
        Next = Wrapper;
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
               Construct && Construct->getNumArgs() == 1 &&
               !Construct->getConstructor()->isCopyOrMoveConstructor() &&
               !wrappedHandleType(Construct->getType()).isNull() &&
               !Construct->getArg(0)->getType()->isRecordType()) {
      // `std::atomic<int> fd{socket(...)}`, `std::optional<int> fd =
      // socket(...)`: the value it starts with.
      Next = Construct->getArg(0);
    } else if (const CXXConstructExpr *Copy = containerCopy(Next)) {
      // A copy of a container of handles holds the same handles.
      Next = Copy->getArg(0);
    } else if (const auto *Full = dyn_cast<FullExpr>(Next))
      Next = Full->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(Next))
      Next = Default->getExpr();
    else if (const auto *List = dyn_cast<InitListExpr>(Next);
             List && List->getNumInits() == 1 &&
             (List->isTransparent() || List->getType()->isScalarType()))
      // `int fd{socket(...)}`, `C *c = {new C}`: braces around one value.
      Next = List->getInit(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const Expr *asAcquisition(const Expr *E, const HandleCatalog &Catalog) {
  const Expr *Stripped = stripValueWrappers(E);
  // `fd = c ? socket(...) : accept(...)` acquires on either arm.
  if (const auto *Cond =
          dyn_cast_or_null<AbstractConditionalOperator>(Stripped)) {
    if (const Expr *True = asAcquisition(Cond->getTrueExpr(), Catalog))
      return True;
    return asAcquisition(Cond->getFalseExpr(), Catalog);
  }
  const FunctionRole *Role = Catalog.acquisitionRole(Stripped);
  // Out-parameter acquisitions return a status, not the handle.
  return Role && Role->OutParam < 0 ? Stripped : nullptr;
}

bool isStandardStream(const Expr *E) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenCasts() : nullptr);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasGlobalStorage() || !Var->getIdentifier())
    return false;
  return llvm::is_contained(
      {"stdin", "stdout", "stderr", "__stdinp", "__stdoutp", "__stderrp"},
      Var->getName());
}

bool isInvalidHandleConstant(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->getType().isNull() || E->isValueDependent() ||
      E->containsErrors())
    return false;
  if (E->getType()->isAnyPointerType() || E->getType()->isNullPtrType()) {
    if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                 Expr::NPC_ValueDependentIsNotNull) !=
        Expr::NPCK_NotNull)
      return true;
    // `(HANDLE)-1`: Windows' INVALID_HANDLE_VALUE.
    const Expr *Inner = E->IgnoreParenCasts();
    Expr::EvalResult Result;
    if (Inner == E || !Inner->getType()->isIntegerType() ||
        Inner->isValueDependent() || !Inner->EvaluateAsInt(Result, Ctx))
      return false;
    const llvm::APSInt &Value = Result.Val.getInt();
    return Value.isAllOnes() || (Value.isSigned() && Value == -1);
  }
  Expr::EvalResult Result;
  if (!E->getType()->isIntegerType() || !E->EvaluateAsInt(Result, Ctx))
    return false;
  return Result.Val.getInt().isSigned() && Result.Val.getInt().isNegative();
}

void collectValueSources(const Expr *E, const ASTContext &Ctx,
                         llvm::SmallVectorImpl<StorageKey> &Sources,
                         const HandleCatalog *Catalog) {
  E = stripValueWrappers(E);
  if (!E)
    return;
  if (std::optional<StorageKey> Key = storageOf(E, Ctx)) {
    Sources.push_back(*Key);
    return;
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    collectValueSources(Cond->getTrueExpr(), Ctx, Sources, Catalog);
    collectValueSources(Cond->getFalseExpr(), Ctx, Sources, Catalog);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      collectValueSources(BO->getRHS(), Ctx, Sources, Catalog);
    else if (BO->isAssignmentOp())
      collectValueSources(BO->getLHS(), Ctx, Sources, Catalog);
    return;
  }
  // `conn = mysql_real_connect(m, ...)` stores m under a second name.
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Catalog)
    if (const Expr *Returned = Catalog->returnedArgument(Call))
      collectValueSources(Returned, Ctx, Sources, Catalog);
}

namespace {

/// The semantic initializer list \p E builds, if it builds one: looks
/// through wrappers and compound literals (`(struct conn){...}`).
const InitListExpr *initializerList(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Literal = dyn_cast<CompoundLiteralExpr>(E)) {
      E = Literal->getInitializer();
      continue;
    }
    if (const auto *Full = dyn_cast<FullExpr>(E)) {
      E = Full->getSubExpr();
      continue;
    }
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
      continue;
    }
    const auto *List = dyn_cast<InitListExpr>(E);
    if (!List || List->isTransparent())
      return nullptr;
    if (const InitListExpr *Semantic = List->getSemanticForm())
      return Semantic;
    return List;
  }
  return nullptr;
}

/// The initializer of \p Field in the record initializer list \p List.
/// Follows the layout CodeGen reads: C++ bases first, then each named field
/// in order (unnamed bit-fields take no slot); a union initializes one.
const Expr *fieldInitializer(const InitListExpr *List, const FieldDecl *Field) {
  const RecordDecl *Record = List->getType()->getAsRecordDecl();
  if (!Record ||
      Field->getParent()->getCanonicalDecl() != Record->getCanonicalDecl())
    return nullptr;
  if (Record->isUnion()) {
    const FieldDecl *Initialized = List->getInitializedFieldInUnion();
    return Initialized &&
                   Initialized->getCanonicalDecl() ==
                       Field->getCanonicalDecl() &&
                   List->getNumInits() == 1
               ? List->getInit(0)
               : nullptr;
  }
  unsigned Slot = 0;
  if (const auto *Class = dyn_cast<CXXRecordDecl>(Record))
    Slot = Class->getNumBases();
  for (const FieldDecl *Each : Record->fields()) {
    if (Each->isUnnamedBitField())
      continue;
    if (Each->getCanonicalDecl() == Field->getCanonicalDecl())
      return Slot < List->getNumInits() ? List->getInit(Slot) : nullptr;
    ++Slot;
  }
  return nullptr;
}

/// The initializer of element \p Index in the array initializer list of
/// \p E; elements past the last one written take the array filler.
const Expr *elementInitializer(const Expr *E, int Index) {
  const InitListExpr *List = initializerList(E);
  if (!List || !List->getType()->isArrayType() || Index < 0)
    return nullptr;
  if (static_cast<unsigned>(Index) < List->getNumInits())
    return List->getInit(Index);
  return List->hasArrayFiller() ? List->getArrayFiller() : nullptr;
}

} // namespace

const Expr *initializerOfPart(const Expr *Init, const StorageKey &Part) {
  if (!Init)
    return nullptr;
  const Expr *Value = Init;
  if (Part.Field) {
    const InitListExpr *List = initializerList(Init);
    Value = List ? fieldInitializer(List, Part.Field) : nullptr;
  }
  if (Value && Part.Index >= 0)
    Value = elementInitializer(Value, Part.Index);
  if (!Value || isa<NoInitExpr, DesignatedInitUpdateExpr>(Value))
    return nullptr;
  return Value;
}

namespace {

/// True when \p Whole names \p Key or storage that contains it.
bool contains(const StorageKey &Whole, const StorageKey &Key) {
  if (Whole == Key)
    return true;
  if (Whole.Var != Key.Var || Whole.Index >= 0)
    return false;
  // `c` contains `c->fd` and `c->fds[1]`; `s.fds` contains `s.fds[0]`.
  return !Whole.Field || Whole.Field == Key.Field;
}

bool mayHandOverIn(const Stmt *S, const StorageKey &Key,
                   const HandleCatalog &Catalog, const ASTContext &Ctx) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (E) {
    if (std::optional<StorageKey> Named = storageOf(E, Ctx)) {
      if (contains(*Named, Key))
        return true;
      // Another field or element of the same object is only read.
      if (isa<MemberExpr, ArraySubscriptExpr>(E->IgnoreParenImpCasts()))
        return false;
    }
    // An argument the callee only uses is not handed over.
    if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts())) {
      const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (!(Role && Role->roleOfArgument(I) == ArgumentRole::Use &&
              Role->OutParam != static_cast<int>(I)) &&
            mayHandOverIn(Call->getArg(I), Key, Catalog, Ctx))
          return true;
      return mayHandOverIn(Call->getCallee(), Key, Catalog, Ctx);
    }
  }
  for (const Stmt *Child : S->children())
    if (mayHandOverIn(Child, Key, Catalog, Ctx))
      return true;
  return false;
}

} // namespace

bool mayHandOver(const Expr *Value, const StorageKey &Key,
                 const HandleCatalog &Catalog, const ASTContext &Ctx) {
  return mayHandOverIn(Value, Key, Catalog, Ctx);
}

static bool readsStorageIn(const Stmt *S, const StorageKey &Key,
                           const ASTContext &Ctx) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *E = dyn_cast<Expr>(S))
    if (std::optional<StorageKey> Named = storageOf(E, Ctx)) {
      if (contains(*Named, Key))
        return true;
      // Another field or element of the same object.
      if (isa<MemberExpr, ArraySubscriptExpr>(E->IgnoreParenImpCasts()))
        return false;
    }
  for (const Stmt *Child : S->children())
    if (readsStorageIn(Child, Key, Ctx))
      return true;
  return false;
}

bool readsStorage(const Expr *Value, const StorageKey &Key,
                  const ASTContext &Ctx) {
  return readsStorageIn(Value, Key, Ctx);
}

bool mentionsVariable(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    return Ref->getDecl() == Var;
  if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
    return false;
  for (const Stmt *Child : S->children())
    if (mentionsVariable(Child, Var))
      return true;
  return false;
}

} // namespace clang::tidy::resource
