//===--- ConditionRefinement.cpp - resource-tidy --------------------------===//

#include "engine/ConditionRefinement.h"
#include "engine/HandleExprs.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <array>
#include <optional>

namespace clang::tidy::resource {

namespace {

/// The storage a tested operand denotes, with its type: `fd`, `(fd)`,
/// `(int)fd`, `fds[0]`, or the left side of an assignment used as a value,
/// `(fd = socket(...))`.
struct TestedStorage {
  StorageKey Key;
  QualType Type;
};

std::optional<TestedStorage> testedStorage(const Expr *E,
                                           const ASTContext &Ctx) {
  E = stripValueWrappers(E);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return testedStorage(BO->getLHS(), Ctx);
  std::optional<StorageKey> Key = storageOf(E, Ctx);
  if (!Key)
    return std::nullopt;
  // A std::atomic<int> is compared as the int it holds.
  QualType Wrapped = wrappedHandleType(E->getType());
  return TestedStorage{*Key, Wrapped.isNull() ? E->getType() : Wrapped};
}

/// `if (fd)`, `fd.has_value()` on a std::optional: the optional, if \p E
/// is such a test.
const Expr *optionalPresenceTest(const Expr *E) {
  const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(
      E ? E->IgnoreParenImpCasts() : nullptr);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  const Expr *Object =
      Member && Member->getImplicitObjectArgument()
          ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
          : nullptr;
  if (!Method || !Object || !isOptionalHandle(Object->getType()))
    return nullptr;
  bool Tests = isa<CXXConversionDecl>(Method) ||
               (Method->getIdentifier() && Method->getName() == "has_value");
  return Tests ? Object : nullptr;
}

std::optional<llvm::APSInt> integerConstant(const Expr *E,
                                            const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->containsErrors() ||
      !E->getType()->isIntegerType())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt();
}

BinaryOperatorKind mirrored(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

BinaryOperatorKind negated(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GE;
  case BO_GE:
    return BO_LT;
  case BO_GT:
    return BO_LE;
  case BO_LE:
    return BO_GT;
  case BO_EQ:
    return BO_NE;
  case BO_NE:
    return BO_EQ;
  default:
    return Op;
  }
}

/// What `Var Op C` being true says about a descriptor. Acquisitions return
/// -1 on failure and 0 is a valid descriptor, but `fd <= 0` / `fd > 0` are
/// common idioms for "invalid" / "valid", so we read them that way; so is
/// `fd > 2` for "not a standard descriptor", which `fd <= 2` then is.
std::optional<Validity> descriptorValidity(BinaryOperatorKind Op,
                                           const llvm::APSInt &C) {
  // An all-ones unsigned constant is -1 converted: `s == (unsigned)-1`,
  // Windows' INVALID_SOCKET (~0).
  if (!C.isSigned() && C.isAllOnes())
    return descriptorValidity(Op, llvm::APSInt::get(-1));
  if (C.getSignificantBits() > 64)
    return std::nullopt;
  const int64_t Value =
      C.isSigned() ? C.getExtValue() : static_cast<int64_t>(C.getZExtValue());
  switch (Op) {
  case BO_LT:
    return Value <= 3 ? std::optional(Validity::Invalid) : std::nullopt;
  case BO_LE:
    return Value <= 2 ? std::optional(Validity::Invalid) : std::nullopt;
  case BO_GT:
    return Value >= -1 ? std::optional(Validity::Valid) : std::nullopt;
  case BO_GE:
    return Value >= 0 ? std::optional(Validity::Valid) : std::nullopt;
  case BO_EQ:
    if (Value == 0)
      return Validity::Unset;
    return Value < 0 ? Validity::Invalid : Validity::Valid;
  case BO_NE:
    return Value < 0 ? std::optional(Validity::Valid) : std::nullopt;
  default:
    return std::nullopt;
  }
}

void collectFromComparison(const BinaryOperator *BO, bool Outcome,
                           const ASTContext &Ctx,
                           llvm::SmallVectorImpl<ValidityFact> &Facts,
                           const HandleCatalog *Catalog) {
  BinaryOperatorKind Op = BO->getOpcode();
  const Expr *StorageSide = BO->getLHS();
  const Expr *ConstSide = BO->getRHS();
  std::optional<TestedStorage> Tested = testedStorage(StorageSide, Ctx);
  if (!Tested) {
    std::swap(StorageSide, ConstSide);
    Tested = testedStorage(StorageSide, Ctx);
    Op = mirrored(Op);
  }
  if (!Tested)
    return;
  if (!Outcome)
    Op = negated(Op);

  // `c != chan_none()`: the family's invalid value, from a call.
  if (Catalog &&
      Catalog->isInvalidValueCall(ConstSide->IgnoreParenImpCasts())) {
    if (Op == BO_EQ)
      Facts.push_back({Tested->Key, Validity::Invalid});
    else if (Op == BO_NE)
      Facts.push_back({Tested->Key, Validity::Valid});
    return;
  }
  if (Tested->Type->isAnyPointerType()) {
    // `if (f != stdin) fclose(f);`: equal to a standard stream, it holds
    // nothing that was opened here.
    if (isStandardStream(ConstSide)) {
      if (Op == BO_EQ)
        Facts.push_back({Tested->Key, Validity::Invalid});
      return;
    }
    if (!isInvalidHandleConstant(ConstSide, Ctx))
      return;
    if (Op == BO_EQ)
      Facts.push_back({Tested->Key, Validity::Invalid});
    else if (Op == BO_NE)
      Facts.push_back({Tested->Key, Validity::Valid});
    return;
  }
  if (!Tested->Type->isIntegerType())
    return;
  std::optional<llvm::APSInt> C = integerConstant(ConstSide, Ctx);
  if (!C)
    return;
  if (std::optional<Validity> V = descriptorValidity(Op, *C))
    Facts.push_back({Tested->Key, *V});
}

/// `if (fp)`: a pointer's truth value is its validity. An integer's is not
/// (0 is a valid descriptor, -1 is true).
void pushTruthTest(const Expr *E, bool Outcome, const ASTContext &Ctx,
                   llvm::SmallVectorImpl<ValidityFact> &Facts) {
  // An empty optional holds no handle; one with a value may hold -1.
  if (const Expr *Optional = optionalPresenceTest(E)) {
    if (std::optional<StorageKey> Key = storageOf(Optional, Ctx);
        Key && !Outcome)
      Facts.push_back({*Key, Validity::Invalid});
    return;
  }
  std::optional<TestedStorage> Tested = testedStorage(E, Ctx);
  if (Tested && Tested->Type->isAnyPointerType())
    Facts.push_back(
        {Tested->Key, Outcome ? Validity::Valid : Validity::Invalid});
  // `if (!fd)`: the descriptor is 0.
  else if (Tested && Tested->Type->isIntegerType() &&
           !Tested->Type->isBooleanType() && !Outcome)
    Facts.push_back({Tested->Key, Validity::Unset});
}

} // namespace

/// Calls \p Leaf for every sub-condition whose outcome \p Cond taking
/// \p Outcome implies: through `!`, `&&` (when true), `||` (when false), the
/// right operand of `,` and __builtin_expect.
static void
forEachImpliedCondition(const Expr *Cond, bool Outcome,
                        llvm::function_ref<void(const Expr *, bool)> Leaf) {
  if (!Cond || Cond->containsErrors())
    return;
  Cond = Cond->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return forEachImpliedCondition(UO->getSubExpr(), !Outcome, Leaf);
  // __builtin_expect(cond, hint) has the value of cond.
  if (const auto *Call = dyn_cast<CallExpr>(Cond);
      Call && Call->getBuiltinCallee() == Builtin::BI__builtin_expect &&
      Call->getNumArgs() == 2)
    return forEachImpliedCondition(Call->getArg(0), Outcome, Leaf);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    switch (BO->getOpcode()) {
    case BO_LAnd:
    case BO_LOr:
      // Both sides are known only when `&&` holds or `||` fails.
      if (Outcome == (BO->getOpcode() == BO_LAnd)) {
        forEachImpliedCondition(BO->getLHS(), Outcome, Leaf);
        forEachImpliedCondition(BO->getRHS(), Outcome, Leaf);
      }
      return;
    case BO_Comma:
      return forEachImpliedCondition(BO->getRHS(), Outcome, Leaf);
    default:
      break;
    }
  }
  Leaf(Cond, Outcome);
}

static void collectFacts(const Expr *Cond, bool Outcome, const ASTContext &Ctx,
                         llvm::SmallVectorImpl<ValidityFact> &Facts,
                         const HandleCatalog *Catalog, unsigned Depth);

/// The one expression \p Function returns, when its body is only
/// `return E;`.
static const Expr *onlyReturnedExpr(const FunctionDecl *Function) {
  const FunctionDecl *Definition = Function->getDefinition();
  const auto *Body = Definition
                         ? dyn_cast_or_null<CompoundStmt>(Definition->getBody())
                         : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

/// `isOpen()`, `conn_is_open(c)`, `valid(fd)`: a function of this file
/// that only returns a test of a handle is that test, of the caller's
/// object or argument.
static void collectFromPredicate(const CallExpr *Call, bool Outcome,
                                 const ASTContext &Ctx,
                                 llvm::SmallVectorImpl<ValidityFact> &Facts,
                                 const HandleCatalog *Catalog, unsigned Depth) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const Expr *Returned =
      Callee && Depth < 3 ? onlyReturnedExpr(Callee) : nullptr;
  // (A library's own accessors test its internals, not the caller's.)
  if (!Returned ||
      Ctx.getSourceManager().isInSystemHeader(Returned->getBeginLoc()))
    return;
  // The object a method tests: `*this`, or a variable (`conn.isOpen()`).
  // An override of a virtual one may test something else.
  bool OnThis = false;
  const VarDecl *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Base = Member->getImplicitObjectArgument();
    Base = Base ? Base->IgnoreParenImpCasts() : nullptr;
    if (!Method || (Method->isVirtual() && !Method->hasAttr<FinalAttr>()))
      return;
    OnThis = isa_and_nonnull<CXXThisExpr>(Base);
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Base))
      Object = dyn_cast<VarDecl>(Ref->getDecl());
    if (!OnThis && !Object)
      return;
  } else if (isa<CXXMethodDecl>(Callee) || isa<CXXOperatorCallExpr>(Call)) {
    return;
  }
  llvm::SmallVector<ValidityFact, 2> Inner;
  collectFacts(Returned, Outcome, Ctx, Inner, Catalog, Depth + 1);
  const FunctionDecl *Definition = Callee->getDefinition();
  for (const ValidityFact &Fact : Inner) {
    const StorageKey &Key = Fact.Storage;
    if (Key.Held || Key.Index >= 0)
      continue;
    // A field of the callee's `*this`.
    if (!Key.Var) {
      if (OnThis)
        Facts.push_back(Fact);
      else if (Object)
        Facts.push_back({StorageKey{Object, -1, Key.Field}, Fact.Is});
      continue;
    }
    if (Key.Var->hasGlobalStorage()) {
      Facts.push_back(Fact);
      continue;
    }
    // A parameter (`valid(fd)`) or a field through a pointer parameter
    // (`conn_is_open(c)` testing `c->fd`): the caller's argument.
    const auto *Param = dyn_cast<ParmVarDecl>(Key.Var);
    if (!Param || Param->getDeclContext() != Definition ||
        Param->getFunctionScopeIndex() >= Call->getNumArgs())
      continue;
    std::optional<StorageKey> Arg =
        storageOf(Call->getArg(Param->getFunctionScopeIndex()), Ctx);
    if (!Arg || Arg->Field || Arg->Index >= 0 || !Arg->Var)
      continue;
    if (!Key.Field && !Param->getType()->isReferenceType())
      Facts.push_back({*Arg, Fact.Is});
    else if (Key.Field && Param->getType()->isPointerType() &&
             Arg->Var->getType()->isPointerType())
      Facts.push_back({StorageKey{Arg->Var, -1, Key.Field}, Fact.Is});
  }
}

static void collectFacts(const Expr *Cond, bool Outcome, const ASTContext &Ctx,
                         llvm::SmallVectorImpl<ValidityFact> &Facts,
                         const HandleCatalog *Catalog, unsigned Depth) {
  forEachImpliedCondition(Cond, Outcome, [&](const Expr *Leaf, bool Holds) {
    const auto *BO = dyn_cast<BinaryOperator>(Leaf);
    if (const auto *Call = dyn_cast<CallExpr>(Leaf);
        Call && !optionalPresenceTest(Leaf)) {
      size_t Known = Facts.size();
      collectFromPredicate(Call, Holds, Ctx, Facts, Catalog, Depth);
      if (Facts.size() != Known)
        return;
    }
    if (!BO)
      // A bare pointer used as a condition: `if (fp)`.
      pushTruthTest(Leaf, Holds, Ctx, Facts);
    else if (BO->getOpcode() == BO_Assign)
      pushTruthTest(BO->getLHS(), Holds, Ctx, Facts);
    else if (BO->isComparisonOp())
      collectFromComparison(BO, Holds, Ctx, Facts, Catalog);
  });
}

void collectValidityFacts(const Expr *Cond, bool Outcome, const ASTContext &Ctx,
                          llvm::SmallVectorImpl<ValidityFact> &Facts,
                          const HandleCatalog *Catalog) {
  collectFacts(Cond, Outcome, Ctx, Facts, Catalog, 0);
}

namespace {

/// The status subject a condition operand denotes: an integer variable (or
/// one assigned inside the condition) or a call.
std::optional<StatusFact> statusSubject(const Expr *E) {
  E = stripValueWrappers(E);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return statusSubject(BO->getLHS());
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    return StatusFact{nullptr, Call, false};
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->getType()->isIntegerType())
      return StatusFact{Var, nullptr, false};
  return std::nullopt;
}

/// Whether `Status Op C` being true means a nonzero (true) or zero (false)
/// status, if it says either.
std::optional<bool> statusNonzero(BinaryOperatorKind Op,
                                  const llvm::APSInt &C) {
  const bool Zero = C.isZero();
  const bool Negative = C.isSigned() && C.isNegative();
  switch (Op) {
  case BO_EQ:
    return !Zero;
  case BO_NE:
    return Zero ? std::optional(true) : std::nullopt;
  case BO_LT:
    return Zero || Negative ? std::optional(true) : std::nullopt;
  case BO_LE:
    return Negative ? std::optional(true) : std::nullopt;
  case BO_GT:
    return !Negative ? std::optional(true) : std::nullopt;
  case BO_GE:
    return !Negative && !Zero ? std::optional(true) : std::nullopt;
  default:
    return std::nullopt;
  }
}

} // namespace

void collectStatusFacts(const Expr *Cond, bool Outcome, const ASTContext &Ctx,
                        llvm::SmallVectorImpl<StatusFact> &Facts,
                        llvm::function_ref<bool(const StatusFact &)> Relevant) {
  forEachImpliedCondition(Cond, Outcome, [&](const Expr *Leaf, bool Holds) {
    const auto *BO = dyn_cast<BinaryOperator>(Leaf);
    if (!BO || !BO->isComparisonOp()) {
      // `if (rv)`, `if (pipe(fds))`: the truth value is the status.
      if (std::optional<StatusFact> Subject = statusSubject(Leaf)) {
        Subject->Nonzero = Holds;
        Facts.push_back(*Subject);
      }
      return;
    }
    BinaryOperatorKind Op = BO->getOpcode();
    const Expr *SubjectSide = BO->getLHS(), *ConstSide = BO->getRHS();
    // Evaluating the constant side is the costly part (every comparison of
    // a macro-generated condition chain reaches here).
    if (Relevant && llvm::none_of(std::array{SubjectSide, ConstSide},
                                  [&](const Expr *Side) {
                                    std::optional<StatusFact> Each =
                                        statusSubject(Side);
                                    return Each && Relevant(*Each);
                                  }))
      return;
    std::optional<StatusFact> Subject = statusSubject(SubjectSide);
    std::optional<llvm::APSInt> C = integerConstant(ConstSide, Ctx);
    if (!Subject || !C) {
      std::swap(SubjectSide, ConstSide);
      Subject = statusSubject(SubjectSide);
      C = integerConstant(ConstSide, Ctx);
      Op = mirrored(Op);
    }
    if (!Subject || !C)
      return;
    if (std::optional<bool> Nonzero =
            statusNonzero(Holds ? Op : negated(Op), *C)) {
      Subject->Nonzero = *Nonzero;
      Facts.push_back(*Subject);
    }
  });
}

bool applyValidityFact(VariableState &State, Validity Is) {
  HandleStateSet Bits = State.Bits;
  if (Is == Validity::Unset) {
    // Storage tested for 0 uses 0 for "nothing yet": what an earlier call
    // left is taken for that, and the code does not expect its own
    // acquisitions to yield 0 (only one made while descriptor 0 is closed
    // could: `if (0 == fd) fd = dup(STDIN_FILENO);` run again in a loop).
    bool FromEarlierCall = Bits & Inherited;
    State.Bits = Bits & ~(Inherited | OpenStates | Invalid | Failed);
    if (FromEarlierCall)
      State.Bits |= Invalid;
    return State.Bits != 0 || Bits == 0;
  }
  if (Is == Validity::Valid) {
    if (Bits & OpenUnchecked)
      Bits = (Bits & ~OpenUnchecked) | Open;
    Bits &= ~(Invalid | Failed);
  } else {
    if (Bits & OpenUnchecked)
      Bits = (Bits & ~OpenUnchecked) | Failed;
    // `if (fd_ < 0)`: whatever an earlier call left is not a handle.
    if (Bits & Inherited)
      Bits = (Bits & ~Inherited) | Invalid;
    Bits &= ~Open;
  }
  const bool Feasible = Bits != 0 || State.Bits == 0;
  State.Bits = Bits;
  return Feasible;
}

} // namespace clang::tidy::resource
