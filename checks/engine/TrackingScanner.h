//===--- TrackingScanner.h - resource-tidy --------------------------------===//
//
// The pre-pass of TrackedStorage::collect: one walk of a function's body
// that finds the storage worth a flow analysis (what receives an
// acquisition, what a summary covers, the copies that become second names)
// and what the body does that the analysis must know before it starts
// (addresses taken, arrays indexed at run time, closures, insertion
// positions). Only TrackedStorage.cpp and TrackingTriggers.cpp include it.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_TRACKINGSCANNER_H
#define RESOURCE_TIDY_TRACKINGSCANNER_H

#include "engine/FileLocalGlobals.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "engine/HandleHolders.h"
#include "engine/PointerBindings.h"
#include "engine/StorageWrites.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::resource {

/// Storage of a handle type (an integer, a pointer, an atomic or optional
/// of one).
bool isHandleType(QualType T);

/// True for storage this analysis may track in \p Function: call-local
/// storage of a handle type, or storage that outlives the call and holds
/// handles in this translation unit (HandleHolders).
bool isTrackable(const StorageKey &Key, const FunctionDecl *Function,
                 const HandleCatalog &Catalog, const ASTContext &Ctx,
                 const TrackingPolicy &Policy);

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
        !Result.BindsPointer.contains(Op) && !(Member && Member->isArrow()))
      if (std::optional<StorageKey> Key = storageOf(Op->getSubExpr(), Ctx);
          Key && Key->Var) {
        if (auto Settled = SettledAddresses.find(Op);
            Settled != SettledAddresses.end())
          Result.PendingExposures[Key->Var].push_back(Settled->second);
        else
          Result.AddressExposed.insert(Key->Var);
      }
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
    if (!Callee || Callee->isVariadic() || isa<CXXMethodDecl>(Callee))
      return;
    // Asked only for a call with an argument it decides about: whether
    // the index knows a function is a question worth recording (ShardWants).
    const FunctionDecl *Definition = Callee->getDefinition();
    std::optional<bool> Known;
    auto Summarized = [&](unsigned I, const Expr *Storage) {
      if (Definition)
        return Definition->hasBody();
      if (Policy.NoteAsk) {
        OutArgumentAsks.push_back({Callee, I, Storage});
        return false;
      }
      if (!Known)
        Known =
            Policy.SummarizedElsewhere && Policy.SummarizedElsewhere(Callee);
      return *Known;
    };
    // What it may store into an argument: a handle made below it, stored
    // through that parameter.
    auto MayReceive = [&](unsigned I) {
      return !Policy.MayFill || Policy.MayFill(Callee, I);
    };
    // `open_into(f)` with `void open_into(FILE *&)`: the summary may say
    // it stores a fresh handle there.
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
         ++I)
      if (QualType Param = Callee->getParamDecl(I)->getType();
          Param->isLValueReferenceType() &&
          !Param.getNonReferenceType().isConstQualified())
        if (std::optional<StorageKey> Key = storageOf(Call->getArg(I), Ctx);
            Key && !Key->outlivesCall() && Summarized(I, Call->getArg(I)) &&
            MayReceive(I))
          consider(Key);
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (const auto *AddrOf =
              dyn_cast<UnaryOperator>(Call->getArg(I)->IgnoreParenImpCasts());
          AddrOf && AddrOf->getOpcode() == UO_AddrOf &&
          isa<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts())) {
        QualType Pointee = AddrOf->getSubExpr()->getType();
        if ((Pointee->isRecordType() || isHandleType(Pointee)) &&
            !Summarized(I, AddrOf->getSubExpr()))
          continue;
        if (Pointee->isRecordType())
          Result.SummarizedArguments.insert(AddrOf);
        // `open_into(&f)`: the summary may say it stores a fresh handle.
        if (isHandleType(Pointee)) {
          Result.SummarizedArguments.insert(AddrOf);
          if (Policy.SummarizesPointee)
            SettledAddresses[AddrOf] = {Callee, I};
          if (std::optional<StorageKey> Key =
                  storageOf(AddrOf->getSubExpr(), Ctx);
              Key && !Key->outlivesCall() && MayReceive(I))
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
      if (std::optional<StorageKey> Container = storageOf(Write.Target, Ctx)) {
        noteCopy(*Container, Write.Value);
        // `fds.push_back(socket(...))`: the container alone names it.
        if (asAcquisition(Write.Value, Catalog) && !Container->outlivesCall())
          consider(Container);
      }
      notePosition(Write);
      return;
    case WriteKind::OutParameter:
      for (const StorageKey &Key : keysWritten(Write, Ctx))
        if (consider(Key))
          Result.OutArguments.insert(Write.Target->IgnoreParenImpCasts());
      return;
    case WriteKind::Hold:
      // `bufferevent_setfd(c->bev, fd)`: the handle the object holds.
      for (const StorageKey &Key : keysWritten(Write, Ctx))
        consider(Key);
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
  /// `&f` given to a function whose summary may settle what it does there.
  llvm::SmallDenseMap<const Expr *, TrackedStorage::PendingExposure, 2>
      SettledAddresses;
  /// Variables lambdas capture by reference.
  llvm::SmallVector<std::pair<const LambdaExpr *, const VarDecl *>, 2>
      ByReference;
  /// Out-arguments given to functions of other files, while recording
  /// what an index would be asked (TrackingPolicy::NoteAsk).
  struct OutArgumentAsk {
    const FunctionDecl *Callee;
    unsigned Param;
    const Expr *Storage;
  };
  llvm::SmallVector<OutArgumentAsk, 2> OutArgumentAsks;
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

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_TRACKINGSCANNER_H
