//===--- TrackedStorage.cpp - resource-tidy -------------------------------===//

#include "engine/TrackedStorage.h"
#include "engine/TrackingScanner.h"
#include <algorithm>

namespace clang::tidy::resource {

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

bool TrackedStorage::isAddressExposed(const VarDecl *Var) const {
  if (AddressExposed.contains(Var))
    return true;
  auto Pending = PendingExposures.find(Var);
  if (Pending == PendingExposures.end())
    return false;
  bool Exposed = llvm::any_of(Pending->second, [&](const PendingExposure &P) {
    return !SummarizesPointee || !SummarizesPointee(P.Callee, P.Param);
  });
  PendingExposures.erase(Pending);
  if (Exposed)
    AddressExposed.insert(Var);
  return Exposed;
}

void TrackedStorage::add(const StorageKey &Key) {
  if (!Indexes.try_emplace(Key, Keys.size()).second)
    return;
  Keys.push_back(Key);
  TracksGlobals |= Key.Var && Key.Var->hasGlobalStorage() && !Key.Field;
  TracksHeld |= Key.Held != nullptr;
}

void TrackedStorage::heldReachedBy(const StorageKey &Holder,
                                   llvm::SmallVectorImpl<unsigned> &Out) const {
  if (!TracksHeld || Holder.Held || Holder.Index >= 0)
    return;
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I].Held && Keys[I].Var == Holder.Var &&
        (Keys[I].Field == Holder.Field || (!Holder.Field && Holder.Var)) &&
        !llvm::is_contained(Out, I))
      Out.push_back(I);
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
  Result.SummarizesPointee = Policy.SummarizesPointee;
  TrackingScanner Scanner(Function, Catalog, Ctx, Policy, Result);
  // A summary covers every handle field of the class: a nested helper may
  // release one without this method naming it.
  if (Policy.TrackReleasedFields)
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      for (const FieldDecl *Field : Method->getParent()->fields())
        Scanner.considerField(Field);
  Scanner.TraverseStmt(const_cast<Stmt *>(Body));
  // Once the tracked storage is known: an out-argument that holds a
  // tracked handle (or a struct with one) makes the callee's whole summary
  // matter; any other only whether it stores a fresh handle there.
  auto NoteOutArgumentAsks = [&] {
    for (const auto &Ask : Scanner.OutArgumentAsks) {
      std::optional<StorageKey> Key = storageOf(Ask.Storage, Ctx);
      bool Tracked = Key && llvm::any_of(Result.Keys, [&](const StorageKey &K) {
                       return K.Var == Key->Var;
                     });
      Policy.NoteAsk(Ask.Callee, Tracked ? -1 : static_cast<int>(Ask.Param));
    }
  };
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
  if (Policy.NoteAsk)
    NoteOutArgumentAsks();
  // A pointer that views the caller's object only while it is not
  // pointed elsewhere.
  auto Unfollowable = [&](const StorageKey &Key) {
    if (Key.Field && Key.Var && !isa<ParmVarDecl>(Key.Var) &&
        viewedParameter(Key.Var) &&
        (Result.Reassigned.contains(Key.Var) ||
         Result.isAddressExposed(Key.Var)))
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
  Filtered.PendingExposures = Result.PendingExposures;
  Filtered.SummarizesPointee = Result.SummarizesPointee;
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
