//===--- TrackedStorage.cpp - resource-tidy -------------------------------===//

#include "engine/TrackedStorage.h"
#include "engine/FileLocalGlobals.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "engine/HandleHolders.h"
#include "engine/PointerBindings.h"
#include "engine/StorageWrites.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"
#include <algorithm>

namespace clang::tidy::resource {

namespace {

bool isHandleType(QualType T) {
  return !T.isNull() && (T->isIntegerType() || T->isAnyPointerType() ||
                         !wrappedHandleType(T).isNull());
}

/// True for storage this analysis may track in \p Function: call-local
/// storage of a handle type (non-static locals and parameters, elements of
/// local arrays, fields of local structs), or storage that outlives the call
/// when the policy allows it and evidence says it holds handles.
bool isTrackable(const StorageKey &Key, const FunctionDecl *Function,
                 const HandleCatalog &Catalog, const ASTContext &Ctx,
                 const TrackingPolicy &Policy) {
  QualType T = Key.type(Ctx);
  // A volatile global or field may be changed by a signal handler at any
  // time; a volatile local (kept across setjmp) holds what it is given.
  if (T.isNull() || (T.isVolatileQualified() && Key.outlivesCall()))
    return false;
  // An element must lie inside its array.
  if (Key.Index >= 0 && !Key.isPointee()) {
    const auto *Array = Ctx.getAsConstantArrayType(Key.wholeType());
    if (!Array || Key.Index >= static_cast<int64_t>(Array->getLimitedSize()))
      return false;
  }
  if (!isHandleType(T) && !Catalog.objectStorageRole(T))
    return false;
  const VarDecl *Var = Key.Var;
  // Another function's variable (a lambda's capture) is not ours, except
  // to summarize what a lambda does with what it captures by reference.
  const DeclContext *Locals =
      Policy.Block ? static_cast<const DeclContext *>(Policy.Block) : Function;
  if (Var && !Var->hasGlobalStorage() && owningContext(Var) != Locals &&
      !(Policy.TrackParameters && capturesByReference(Function, Var)))
    return false;
  if (Key.outlivesCall()) {
    if (Policy.Mode == PersistentStorageMode::None ||
        (Policy.Mode == PersistentStorageMode::Fields && !Key.Field))
      return false;
    // What a reference parameter refers to: tracked when it receives an
    // acquisition here, which is why it was considered.
    if (!Key.identity())
      return Var && (isa<ParmVarDecl>(Var) || Key.isPointee()) && !Key.Field;
    const HandleHolders *Holders = Policy.Holders;
    if (!Holders && Policy.GetHolders)
      Holders = Policy.GetHolders();
    return Holders && Holders->isHolder(Key.identity());
  }
  if (!Var || Var->getType()->isReferenceType())
    return false;
  // A field through a local pointer: where it points is not known.
  return !(Key.Field && Var->getType()->isPointerType());
}

} // namespace

/// To summarize: storage whose handle is the caller's, as the function
/// starts: what a pointer parameter points to, a field of a struct passed
/// by value, a container of handles passed by value.
static bool isCallerStorage(const StorageKey &Key) {
  if (Key.isPointee())
    return true;
  if (!Key.Field && Key.Index < 0 && isa_and_nonnull<ParmVarDecl>(Key.Var) &&
      !Key.Var->getType()->isReferenceType() &&
      !containerElementType(Key.Var->getType()).isNull())
    return true;
  return Key.Field && Key.Index < 0 && isa_and_nonnull<ParmVarDecl>(Key.Var) &&
         Key.Var->getType()->isRecordType();
}

llvm::SmallVector<StorageKey, 2> outParameterTargets(const Expr *Arg,
                                                     const FunctionRole &Role,
                                                     const ASTContext &Ctx) {
  llvm::SmallVector<StorageKey, 2> Targets;
  if (!Arg)
    return Targets;
  const Expr *Stripped = Arg->IgnoreParenImpCasts();
  // `&db`, `&fds[0]`: the handle is written through the pointer.
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Stripped)) {
    if (AddrOf->getOpcode() == UO_AddrOf)
      if (std::optional<StorageKey> Key = storageOf(AddrOf->getSubExpr(), Ctx))
        Targets.push_back(*Key);
    return Targets;
  }
  // `fds`, `s.fds`, `this->fds` (an array decaying to a pointer): OutCount
  // handles are written, as far as the array reaches.
  std::optional<StorageKey> Key = storageOf(Stripped, Ctx);
  if (!Key || Key->Index >= 0)
    return Targets;
  const auto *Array = Ctx.getAsConstantArrayType(Key->wholeType());
  if (!Array)
    return Targets;
  uint64_t Count = std::min<uint64_t>(Role.OutCount, Array->getLimitedSize());
  for (uint64_t I = 0; I < Count; ++I)
    Targets.push_back(StorageKey{Key->Var, static_cast<int>(I), Key->Field});
  return Targets;
}

class TrackingScanner : public RecursiveASTVisitor<TrackingScanner> {
public:
  TrackingScanner(const FunctionDecl *Function, const HandleCatalog &Catalog,
                  const ASTContext &Ctx, const TrackingPolicy &Policy,
                  TrackedStorage &Result)
      : Function(Function), Catalog(Catalog), Ctx(Ctx), Policy(Policy),
        Result(Result) {}

  // Nested closures are separate functions with their own analysis; what
  // they capture by reference they may change at any call (unless they are
  // local closures: LocalClosures.h).
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          ByReference.emplace_back(Lambda, Var);
    return true;
  }
  // Types hold nothing the analysis needs (only unevaluated expressions).
  bool TraverseTypeLoc(TypeLoc, bool = true) { return true; }
  bool TraverseBlockExpr(BlockExpr *Block) {
    for (const BlockDecl::Capture &Capture : Block->getBlockDecl()->captures())
      if (Capture.isByRef())
        Result.AddressExposed.insert(Capture.getVariable());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    // A summary covers what a pointer parameter points to whatever happens
    // to it (`fputs(s, *out)` only uses it).
    if (Policy.TrackParameters && Op->getOpcode() == UO_Deref)
      if (std::optional<StorageKey> Key = storageOf(Op, Ctx);
          Key && Key->isPointee())
        consider(Key);
    // Calls are visited before their arguments: out-arguments are known.
    // (`&c->st` points into the object, not at the pointer `c`: the
    // transfer lets that field go where the address goes.)
    const auto *Member =
        dyn_cast<MemberExpr>(Op->getSubExpr()->IgnoreParenImpCasts());
    if (Op->getOpcode() == UO_AddrOf && !Result.OutArguments.contains(Op) &&
        !Result.BindsPointer.contains(Op) && !SettledAddresses.contains(Op) &&
        !(Member && Member->isArrow()))
      if (std::optional<StorageKey> Key = storageOf(Op->getSubExpr(), Ctx);
          Key && Key->Var)
        Result.AddressExposed.insert(Key->Var);
    return true;
  }

  bool VisitStmt(Stmt *S) {
    ++Result.StatementCount;
    for (const StorageWrite &Write : writesOf(S, Catalog))
      noteWrite(Write);
    return true;
  }

  bool VisitExpr(Expr *E) {
    if (E->containsErrors())
      Result.HasErrors = true;
    return !Result.HasErrors;
  }

  /// `&conn` passed to a function with a body here: not an escape by
  /// itself (the summary decides at the call).
  void noteSummarizedArguments(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
    bool Summarized = Definition ? Definition->hasBody()
                                 : Callee && Policy.SummarizedElsewhere &&
                                       Policy.SummarizedElsewhere(Callee);
    if (!Summarized || Callee->isVariadic() || isa<CXXMethodDecl>(Callee))
      return;
    // `open_into(f)` with `void open_into(FILE *&)`: the summary may say
    // it stores a fresh handle there.
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
         ++I)
      if (QualType Param = Callee->getParamDecl(I)->getType();
          Param->isLValueReferenceType() &&
          !Param.getNonReferenceType().isConstQualified())
        if (std::optional<StorageKey> Key = storageOf(Call->getArg(I), Ctx);
            Key && !Key->outlivesCall())
          consider(Key);
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (const auto *AddrOf =
              dyn_cast<UnaryOperator>(Call->getArg(I)->IgnoreParenImpCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
          isa<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts())) {
        QualType Pointee = AddrOf->getSubExpr()->getType();
        if (Pointee->isRecordType())
          Result.SummarizedArguments.insert(AddrOf);
        // `open_into(&f)`: the summary may say it stores a fresh handle.
        if (isHandleType(Pointee)) {
          Result.SummarizedArguments.insert(AddrOf);
          if (Policy.SummarizesPointee && Policy.SummarizesPointee(Callee, I))
            SettledAddresses.insert(AddrOf);
          if (std::optional<StorageKey> Key =
                  storageOf(AddrOf->getSubExpr(), Ctx);
              Key && !Key->outlivesCall())
            consider(Key);
        }
      }
  }

  // A summary covers the handle fields of the objects pointer parameters
  // point to, whatever happens to them (`c->fd` read, closed, passed on).
  bool VisitMemberExpr(MemberExpr *Member) {
    if (!Policy.TrackParameters || !Member->isArrow())
      return true;
    if (std::optional<StorageKey> Key = storageOf(Member, Ctx);
        Key && Key->Field && isa_and_nonnull<ParmVarDecl>(Key->Var))
      consider(Key);
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    if (Policy.TrackReleasedFields)
      considerReleasedField(Delete->getArgument());
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (Policy.TrackReleasedFields &&
        Catalog.isReleaseMethod(Call->getMethodDecl()))
      considerReleasedField(Call->getImplicitObjectArgument());
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    // `FILE **dataPtr = &data;` used only as `*dataPtr`: another spelling.
    if (pointedVariable(Var))
      Result.BindsPointer.insert(Var->getInit()->IgnoreParenImpCasts());
    // `FILE *&alias = data;`: another name that can close or change it,
    // unless it is a local reference the analysis reads as `data` itself.
    if (Var->getType()->isReferenceType() && Var->getInit() &&
        !boundVariable(Var))
      if (std::optional<StorageKey> Key = storageOf(Var->getInit(), Ctx);
          Key && Key->Var)
        Result.AddressExposed.insert(Key->Var);
    return true;
  }

  // `fds[i]` cannot be followed per element: such arrays are not tracked.
  bool VisitCXXTryStmt(CXXTryStmt *) {
    Result.HasTry = true;
    return true;
  }

  // `std::exchange(fd, v);` as a statement drops the old value it returns.
  bool VisitCompoundStmt(CompoundStmt *Block) {
    for (Stmt *Child : Block->body()) {
      const auto *E = dyn_cast<Expr>(Child);
      if (!E)
        continue;
      E = E->IgnoreImplicit()->IgnoreParens();
      if (const auto *Cast = dyn_cast<CStyleCastExpr>(E);
          Cast && Cast->getType()->isVoidType())
        E = Cast->getSubExpr()->IgnoreImplicit()->IgnoreParens();
      const auto *Call = dyn_cast<CallExpr>(E);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (Callee && Callee->getIdentifier() && Callee->getName() == "exchange")
        Result.DiscardedExchanges.insert(Call);
    }
    return true;
  }

  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    if (std::optional<StorageKey> Key = storageOf(Subscript, Ctx)) {
      // A summary covers the elements a pointer parameter points to
      // (`read(fds[0], ...)` only uses the first).
      if (Policy.TrackParameters && Key->isPointee())
        consider(Key);
      return true;
    }
    if (std::optional<StorageKey> Array = storageOf(Subscript->getBase(), Ctx))
      DynamicallyIndexed.insert(*Array);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Callees.insert(Callee->getCanonicalDecl());
    for (const Expr *Arg : Call->arguments())
      if (const CXXConstructExpr *Copy = containerCopy(Arg))
        Result.FollowedCopies.insert(Copy);
    const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
    if (!Role) {
      noteSummarizedArguments(Call);
      return true;
    }
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (Role->roleOfArgument(I) != ArgumentRole::Release)
        continue;
      if (Policy.TrackReleasedFields)
        considerReleasedField(Call->getArg(I));
      // A summary says which globals a function closes (`disconnect_all()`),
      // and what it closes through a pointer parameter (`fclose(*pp)`).
      if (Policy.TrackParameters)
        if (std::optional<StorageKey> Key =
                storageOf(stripValueWrappers(Call->getArg(I)), Ctx);
            Key && Key->Var && !Key->Field &&
            ((Key->Var->hasGlobalStorage() && Key->Index < 0) ||
             Key->isPointee()))
          consider(Key);
      // A by-value parameter this function releases is an owning sink.
      if (std::optional<StorageKey> Key =
              storageOf(stripValueWrappers(Call->getArg(I)), Ctx);
          Key && Key->Index < 0 && !Key->Field && isa<ParmVarDecl>(Key->Var) &&
          !Key->Var->getType()->isReferenceType())
        Result.SinkParameters.try_emplace(
            Key->Var, Catalog.familyReleasedBy(Call->getDirectCallee()));
    }
    return true;
  }

  void considerField(const FieldDecl *Field) {
    consider(StorageKey{nullptr, -1, Field});
  }

private:
  /// Tracks the storage a write may fill with a handle.
  void noteWrite(const StorageWrite &Write) {
    switch (Write.Kind) {
    case WriteKind::Assign: {
      std::optional<StorageKey> Target = storageOf(Write.Target, Ctx);
      if (asAcquisition(Write.Value, Catalog)) {
        consider(Target);
        return;
      }
      // `g_fd = -1;` may lose what a file-local global holds
      // (FileLocalGlobals.h).
      if (Target && Target->Var && !Target->Field && Target->Index < 0 &&
          Target->Var->hasGlobalStorage() &&
          (!Target->Var->isExternallyVisible() ||
           Target->Var->isStaticLocal()) &&
          isInvalidHandleConstant(Write.Value, Ctx))
        consider(Target);
      if (!Target || !isa<BinaryOperator>(Write.Site))
        return;
      if (!Target->Field && Target->Index < 0)
        Result.Reassigned.insert(Target->Var);
      noteCopy(*Target, Write.Value);
      // `s->client = fd;`: storage that outlives the call receives what a
      // local got from an acquisition (decided once the scan is done).
      if (Target->outlivesCall())
        if (const auto *Ref =
                dyn_cast_or_null<DeclRefExpr>(stripValueWrappers(Write.Value)))
          if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
              Local && Local->isLocalVarDecl() && !Local->isStaticLocal())
            StoresOfLocals.push_back({*Target, StorageKey{Local, -1}});
      // Storage from earlier calls: a plain store only matters inside an
      // assignment operator (elsewhere it is a hand-over or a reset,
      // reported only for storage already tracked because it receives a
      // handle here).
      const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      if (Target->outlivesCall()) {
        if (Method && (Method->isCopyAssignmentOperator() ||
                       Method->isMoveAssignmentOperator()))
          consider(Target);
      } else if (Target->Index < 0 && !Target->Field &&
                 isa<ParmVarDecl>(Target->Var)) {
        AssignedParameters.push_back(*Target);
      }
      return;
    }
    case WriteKind::Reset:
    case WriteKind::Unpack:
      if (Write.Value && asAcquisition(Write.Value, Catalog))
        consider(storageOf(Write.Target, Ctx));
      return;
    case WriteKind::Exchange:
    case WriteKind::Swap:
      for (const StorageKey &Key : keysWritten(Write, Ctx))
        consider(Key);
      return;
    case WriteKind::Insert:
      if (std::optional<StorageKey> Container = storageOf(Write.Target, Ctx))
        noteCopy(*Container, Write.Value);
      notePosition(Write);
      return;
    case WriteKind::OutParameter:
      for (const StorageKey &Key : keysWritten(Write, Ctx))
        if (consider(Key))
          Result.OutArguments.insert(Write.Target->IgnoreParenImpCasts());
      return;
    case WriteKind::Initialize:
      if (asAcquisition(Write.Value, Catalog)) {
        consider(StorageKey{Write.Var, -1});
        return;
      }
      noteCopy(StorageKey{Write.Var, -1}, Write.Value);
      if (const CXXConstructExpr *Copy = containerCopy(Write.Value);
          Copy && Write.Var->isLocalVarDecl() && !Write.Var->isStaticLocal())
        Result.FollowedCopies.insert(Copy);
      // `struct conn c = {.fd = socket(...)}`, `int fds[2] = {open(...), -1}`.
      forEachPartOf(*Write.Var, Ctx, [&](const StorageKey &Part) {
        if (asAcquisition(initializerOfPart(Write.Value, Part), Catalog))
          consider(Part);
      });
      return;
    }
  }

  /// `copy = fd;`, `FILE *alias = data;`, `u.first = data;` (a member of
  /// a local struct or union), `slots[2] = data;` (an element of a local
  /// array): a local that may become a second name of a tracked handle.
  void noteCopy(const StorageKey &Target, const Expr *Value) {
    const Expr *Read = stripValueWrappers(Value);
    // (A mailbox global receives a copy: decided once the scan is done.)
    if (Read && isStorageRead(Read) && Target.Var &&
        Target.Var->hasGlobalStorage() && !Target.Field && Target.Index < 0 &&
        !Target.Var->isStaticLocal())
      if (std::optional<StorageKey> Source = storageOf(Read, Ctx))
        GlobalCopies.push_back({Target, *Source});
    if (!Read || !isStorageRead(Read) || Target.outlivesCall() || !Target.Var ||
        Target.Var->isStaticLocal() || isa<ParmVarDecl>(Target.Var) ||
        (Target.Field && !Target.Var->getType()->isRecordType()) ||
        (Target.Index >= 0 &&
         (Target.Field || !Target.Var->getType()->isConstantArrayType())))
      return;
    if (std::optional<StorageKey> Source = storageOf(Read, Ctx))
      Copies.push_back({Target, *Source});
  }

  /// `v.insert(v.end(), 1, f)`: `v.end()` only places the insertion.
  void notePosition(const StorageWrite &Insert) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Insert.Site);
    if (!Call || Call->getNumArgs() < 2)
      return;
    const Expr *Position = Call->getArg(0)->IgnoreImplicit();
    while (const auto *Construct = dyn_cast<CXXConstructExpr>(Position)) {
      if (Construct->getNumArgs() != 1)
        return;
      Position = Construct->getArg(0)->IgnoreImplicit();
    }
    const auto *Place = dyn_cast<CXXMemberCallExpr>(Position);
    if (Place && Place->getNumArgs() == 0 &&
        handleContainer(Place->getImplicitObjectArgument()) ==
            handleContainer(Insert.Target))
      Result.InsertPositions.insert(Place);
  }

  /// A field of `*this` released here: what a summary reports.
  void considerReleasedField(const Expr *Released) {
    std::optional<StorageKey> Key =
        storageOf(stripValueWrappers(Released), Ctx);
    if (Key && !Key->Var && Key->Field)
      consider(Key);
  }

  bool consider(std::optional<StorageKey> Key) {
    if (!Key || !isTrackable(*Key, Function, Catalog, Ctx, Policy))
      return false;
    Result.add(*Key);
    return true;
  }

public:
  /// For a file-local global \p Target: whether a function this one calls
  /// is the only one that reads it out (`g_pending = data; sink();`), so
  /// that storing a handle there hands it to that function
  /// (FileLocalGlobals.h). Calls are visited before their arguments, and
  /// the callees are complete once the scan is done.
  bool isMailboxTo(const StorageKey &Target) const {
    if (Policy.Mode != PersistentStorageMode::All || !Target.Var ||
        Target.Field || Target.Index >= 0 || !Target.Var->hasGlobalStorage())
      return false;
    const FunctionDecl *Reader = mailboxReader(Target.Var, Ctx, Catalog);
    return Reader && Callees.contains(Reader);
  }

  /// Arrays indexed with a value only known at run time.
  llvm::DenseSet<StorageKey> DynamicallyIndexed;
  /// (storage that outlives the call, local) pairs: `s->client = fd;`.
  llvm::SmallVector<std::pair<StorageKey, StorageKey>, 2> StoresOfLocals;
  /// `&f` given to a function whose summary settles what it does there.
  llvm::SmallPtrSet<const Expr *, 2> SettledAddresses;
  /// Variables lambdas capture by reference.
  llvm::SmallVector<std::pair<const LambdaExpr *, const VarDecl *>, 2>
      ByReference;
  /// (copy, source) pairs: locals assigned another storage's value.
  llvm::SmallVector<std::pair<StorageKey, StorageKey>, 2> Copies;
  /// The same for globals (`g_pending = data;`): copies when the global is
  /// a mailbox to a function this one calls (isMailboxTo).
  llvm::SmallVector<std::pair<StorageKey, StorageKey>, 2> GlobalCopies;
  /// The functions this one calls directly (canonical).
  llvm::SmallPtrSet<const FunctionDecl *, 8> Callees;
  /// Parameters overwritten with something else than an acquisition: they
  /// matter only if they turn out to be sinks.
  llvm::SmallVector<StorageKey, 2> AssignedParameters;

private:
  const FunctionDecl *Function;
  const HandleCatalog &Catalog;
  const ASTContext &Ctx;
  const TrackingPolicy &Policy;
  TrackedStorage &Result;
};

void TrackedStorage::add(const StorageKey &Key) {
  if (!Indexes.try_emplace(Key, Keys.size()).second)
    return;
  Keys.push_back(Key);
  TracksGlobals |= Key.Var && Key.Var->hasGlobalStorage() && !Key.Field;
}

void TrackedStorage::indexesReachedBy(
    const StorageKey &Key, llvm::SmallVectorImpl<unsigned> &Out) const {
  if (int Index = indexOf(Key); Index >= 0) {
    Out.push_back(Index);
    return;
  }
  // A whole array or struct used as a value (passed, stored, its address
  // taken) reaches every tracked element and field of it.
  if (Key.Index >= 0 || (!Key.Var && !Key.Field))
    return;
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I].Var == Key.Var && (!Key.Field || Keys[I].Field == Key.Field))
      Out.push_back(I);
}

TrackedStorage TrackedStorage::collect(const FunctionDecl *Function,
                                       const Stmt *Body,
                                       const HandleCatalog &Catalog,
                                       const ASTContext &Ctx,
                                       const TrackingPolicy &Policy) {
  TrackedStorage Result;
  Result.LocalContext =
      Policy.Block ? static_cast<const DeclContext *>(Policy.Block) : Function;
  Result.BlockMayRunAgain = Policy.Block && !Policy.BlockRunsOnce;
  TrackingScanner Scanner(Function, Catalog, Ctx, Policy, Result);
  // A summary covers every handle field of the class: a nested helper may
  // release one without this method naming it.
  if (Policy.TrackReleasedFields)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      for (const FieldDecl *Field : Method->getParent()->fields())
        Scanner.considerField(Field);
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  if (!Scanner.ByReference.empty())
    Result.Closures = LocalClosures::find(Body);
  // A local closure's by-reference captures change at its calls: tracked
  // here, as variables passed to a reference parameter are.
  for (const auto &[Lambda, Var] : Scanner.ByReference)
    if (!Result.Closures.contains(Lambda))
      Result.AddressExposed.insert(Var);
    else if (isTrackable({Var, -1}, Function, Catalog, Ctx, Policy))
      Result.add({Var, -1});
  if (Policy.Extra &&
      isTrackable(*Policy.Extra, Function, Catalog, Ctx, Policy))
    Result.add(*Policy.Extra);
  if (Policy.TrackParameters)
    for (const ParmVarDecl *Param : Function->parameters()) {
      // A struct passed by value: each handle field starts with the
      // caller's (`void sink(struct pair p)`).
      if (Param->getType()->isRecordType())
        forEachPartOf(*Param, Ctx, [&](const StorageKey &Part) {
          if (Part.Field && Part.Index < 0 &&
              isTrackable(Part, Function, Catalog, Ctx, Policy)) {
            Result.add(Part);
            Result.CallerValueParameters.insert(Param);
          }
        });
      if (StorageKey Key{Param, -1};
          !Param->getType()->isReferenceType() &&
          isTrackable(Key, Function, Catalog, Ctx, Policy)) {
        Result.add(Key);
        Result.CallerValueParameters.insert(Param);
      }
    }
  for (const auto &[Target, Local] : Scanner.StoresOfLocals)
    if (Result.indexOf(Local) >= 0 &&
        (isTrackable(Target, Function, Catalog, Ctx, Policy) ||
         Scanner.isMailboxTo(Target)))
      Result.add(Target);
  // To summarize: what a pointer parameter points to, or a file-local
  // global only this function reads out (FileLocalGlobals.h), copied into a
  // local, is the caller's handle under a second name.
  auto IsMailbox = [&](const StorageKey &Source) {
    return Source.Var && !Source.Field && Source.Index < 0 &&
           Source.Var->hasGlobalStorage() &&
           isMailboxOf(Source.Var, Function, Ctx, Catalog);
  };
  if (Policy.TrackParameters)
    for (const auto &[Copy, Source] : Scanner.Copies)
      if (Result.indexOf(Source) < 0 &&
          ((Source.isPointee() &&
            isTrackable(Source, Function, Catalog, Ctx, Policy)) ||
           (IsMailbox(Source) && Policy.Mode == PersistentStorageMode::All)))
        Result.add(Source);
  for (const auto &[Target, Source] : Scanner.GlobalCopies)
    if (Scanner.isMailboxTo(Target))
      Scanner.Copies.push_back({Target, Source});
  // Copies of tracked handles are their aliases, tracked too (a copy of a
  // copy once the first copy is).
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Copy, Source] : Scanner.Copies)
      if (Result.indexOf(Source) >= 0 && !Result.CopyTargets.contains(Copy) &&
          (isTrackable(Copy, Function, Catalog, Ctx, Policy) ||
           Scanner.isMailboxTo(Copy))) {
        Result.add(Copy);
        Result.CopyTargets.insert(Copy);
        Changed = true;
      }
  }
  // A local copied from one caller storage only names the caller's handle
  // while it holds the copy.
  if (Policy.TrackParameters) {
    llvm::SmallDenseMap<StorageKey, unsigned, 2> SourceCount;
    for (const auto &[Copy, Source] : Scanner.Copies)
      ++SourceCount[Copy];
    for (const auto &[Copy, Source] : Scanner.Copies)
      if ((isCallerStorage(Source) || IsMailbox(Source)) &&
          SourceCount.lookup(Copy) == 1 && Result.indexOf(Copy) >= 0 &&
          Result.indexOf(Source) >= 0)
        Result.CallerCopies[Result.indexOf(Copy)] = Result.indexOf(Source);
  }
  if (Policy.Mode == PersistentStorageMode::All)
    for (const StorageKey &Key : Scanner.AssignedParameters)
      if (Result.SinkParameters.count(Key.Var) &&
          isTrackable(Key, Function, Catalog, Ctx, Policy))
        Result.add(Key);
  // A pointer that views the caller's object only while it is not
  // pointed elsewhere.
  auto Unfollowable = [&](const StorageKey &Key) {
    if (Key.Field && Key.Var && !isa<ParmVarDecl>(Key.Var) &&
        viewedParameter(Key.Var) &&
        (Result.Reassigned.contains(Key.Var) ||
         Result.AddressExposed.contains(Key.Var)))
      return true;
    return Key.Index >= 0 && Scanner.DynamicallyIndexed.contains(
                                 StorageKey{Key.Var, -1, Key.Field});
  };
  if (llvm::none_of(Result.Keys, Unfollowable))
    return Result;
  TrackedStorage Filtered;
  Filtered.LocalContext = Result.LocalContext;
  Filtered.BlockMayRunAgain = Result.BlockMayRunAgain;
  Filtered.HasErrors = Result.HasErrors;
  Filtered.HasTry = Result.HasTry;
  Filtered.Closures = Result.Closures;
  Filtered.DiscardedExchanges = Result.DiscardedExchanges;
  Filtered.StatementCount = Result.StatementCount;
  Filtered.OutArguments = Result.OutArguments;
  Filtered.BindsPointer = Result.BindsPointer;
  Filtered.InsertPositions = Result.InsertPositions;
  Filtered.FollowedCopies = Result.FollowedCopies;
  Filtered.SinkParameters = Result.SinkParameters;
  Filtered.AddressExposed = Result.AddressExposed;
  Filtered.CallerValueParameters = Result.CallerValueParameters;
  Filtered.CopyTargets = Result.CopyTargets;
  Filtered.Reassigned = Result.Reassigned;
  Filtered.SummarizedArguments = Result.SummarizedArguments;
  for (const StorageKey &Key : Result.Keys)
    if (!Unfollowable(Key))
      Filtered.add(Key);
  // Indexes change: the caller copies are matched again by key.
  for (const auto &[Copy, Source] : Result.CallerCopies) {
    int NewCopy = Filtered.indexOf(Result.key(Copy));
    int NewSource = Filtered.indexOf(Result.key(Source));
    if (NewCopy >= 0 && NewSource >= 0)
      Filtered.CallerCopies[NewCopy] = NewSource;
  }
  return Filtered;
}

} // namespace clang::tidy::resource
