//===--- FunctionSummaries.cpp - resource-tidy ----------------------------===//

#include "engine/FunctionSummaries.h"
#include "engine/FlagTests.h"
#include "engine/HandleExprs.h"
#include "engine/HandleFlow.h"
#include "engine/IndexedSummaries.h"
#include "engine/LocalClosures.h"
#include "engine/PointerBindings.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::resource {

namespace {

/// Watches, during a replay, what happens to the values the parameters
/// bring in from the caller (the Inherited state).
class ParameterWatcher : public FlowListener {
public:
  ParameterWatcher(const HandleCatalog &Catalog, const TrackedStorage &Tracked)
      : Catalog(Catalog), Tracked(Tracked) {}

  /// The caller storage a local copy of it stands for, when it holds it.
  int callerSource(unsigned Index, const VariableState &Before) const {
    return (Before.Bits & Inherited) ? Tracked.callerCopySource(Index) : -1;
  }

  struct Seen {
    bool Escaped = false;
    bool Released = false;
    /// Something was stored over the caller's value (`c->fd = -1`).
    bool Stored = false;
    const Expr *Overwrite = nullptr;
    const ExternalSite *ExternalOverwrite = nullptr;
    /// The next escape is the hand-over to an overwriting callee.
    bool PassedToOverwriter = false;
    /// Its only escape: passed to this parameter of a function defined
    /// in another file.
    const FunctionDecl *ForwardTo = nullptr;
    unsigned ForwardParam = 0;
  };
  llvm::SmallDenseMap<unsigned, Seen, 4> ByIndex;

  void overwritten(const Overwrite &What, unsigned Index,
                   const VariableState &Before) override {
    if (Before.Bits & Inherited)
      ByIndex[Index].Stored = true;
    // Only a new handle over the caller's is a loss worth telling callers
    // about; `fd = -1` just forgets the parameter's copy.
    if ((Before.Bits & Inherited) && What.NewValue &&
        asAcquisition(What.NewValue, Catalog) && !ByIndex[Index].Overwrite) {
      ByIndex[Index].Overwrite = What.Site;
      // `FILE *data = *dataPtr; data = fopen(...)`: the caller's handle,
      // under its local name, is dropped.
      if (int Source = callerSource(Index, Before);
          Source >= 0 && !ByIndex[Source].Overwrite)
        ByIndex[Source].Overwrite = What.Site;
    }
  }
  void released(const Expr *, unsigned Index,
                const VariableState &Before) override {
    if (Before.Bits & Inherited)
      ByIndex[Index].Released = true;
  }
  void escaped(const Stmt *Site, unsigned Index,
               const VariableState &Before) override {
    Seen &Entry = ByIndex[Index];
    // The hand-over to a callee that overwrites it, reported just before.
    if (std::exchange(Entry.PassedToOverwriter, false))
      return;
    if (!(Before.Bits & Inherited))
      return;
    // Passed on, as it is, to a function of another file: the summary
    // index may know what that one does (`sink(data) { sink2(data); }`).
    std::optional<std::pair<const FunctionDecl *, unsigned>> Forward =
        forwardOf(Site, Tracked.key(Index));
    if (Forward && !Entry.Escaped &&
        (!Entry.ForwardTo ||
         *Forward == std::make_pair(Entry.ForwardTo, Entry.ForwardParam))) {
      std::tie(Entry.ForwardTo, Entry.ForwardParam) = *Forward;
      return;
    }
    Entry.Escaped = true;
  }
  void passedToOverwriter(const CallExpr *, unsigned Index,
                          const VariableState &Before,
                          const ParameterSummary &Callee) override {
    // `sink(data)` where `sink` drops it: this function drops it too (the
    // chains of Juliet's 52-54 variants).
    Seen &Entry = ByIndex[Index];
    Entry.PassedToOverwriter = true;
    if ((Before.Bits & Inherited) && !Entry.Overwrite &&
        !Entry.ExternalOverwrite) {
      Entry.Overwrite = Callee.OverwriteSite;
      Entry.ExternalOverwrite = Callee.ExternalOverwrite;
    }
  }
  void methodCalled(const Expr *, unsigned Index,
                    const VariableState &Before) override {
    // The object may hand itself over (`conn->start()`).
    if (Before.Bits & Inherited)
      ByIndex[Index].Escaped = true;
  }

private:
  /// The function of another file and the parameter \p Key's variable is
  /// passed to, as it is, when \p Site is such a call.
  std::optional<std::pair<const FunctionDecl *, unsigned>>
  forwardOf(const Stmt *Site, const StorageKey &Key) const {
    const auto *Call = dyn_cast_or_null<CallExpr>(Site);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || Callee->isDefined() || Catalog.roleOf(Callee) || Key.Field ||
        Key.Index >= 0 || isa<CXXMemberCallExpr>(Call))
      return std::nullopt;
    std::optional<std::pair<const FunctionDecl *, unsigned>> Found;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const auto *Ref =
          dyn_cast_or_null<DeclRefExpr>(stripValueWrappers(Call->getArg(I)));
      if (!Ref || Ref->getDecl() != Key.Var)
        continue;
      if (Found)
        return std::nullopt; // Passed twice: not a plain hand-on.
      Found = {Callee, I};
    }
    return Found;
  }

  const HandleCatalog &Catalog;
  const TrackedStorage &Tracked;
};

/// Storage the caller passed by reference that holds a fresh handle on
/// every path that returns (an out-parameter acquisition); whether the
/// caller's handle was closed or handed over first.
std::optional<ParameterSummary>
acquisitionAtExit(const ParameterWatcher::Seen &Seen,
                  const std::optional<FlowState> &Exit, unsigned Index) {
  constexpr HandleStateSet Fresh = OpenStates | Failed | Invalid;
  if (!Exit || !((*Exit)[Index].Bits & OpenStates) ||
      ((*Exit)[Index].Bits & ~Fresh) || !(*Exit)[Index].AcquiredAt)
    return std::nullopt;
  ParameterSummary Result{ParameterEffect::Acquires, (*Exit)[Index].AcquiredAt};
  // `if (f) fclose(f); f = fopen(...)`: the caller's handle is not lost.
  Result.ReleasesFirst = Seen.Released || Seen.Escaped;
  return Result;
}

/// What a function does to storage of its caller it reaches by reference:
/// a lambda's by-reference capture, what a pointer parameter points to.
ParameterSummary captureEffect(const ParameterWatcher::Seen &Seen,
                               const std::optional<FlowState> &Exit,
                               unsigned Index) {
  if (std::optional<ParameterSummary> Fresh =
          acquisitionAtExit(Seen, Exit, Index))
    return *Fresh;
  if (!Exit || Seen.Escaped)
    return {};
  // Dropped under a local name (`FILE *data = *dataPtr; data = fopen(...)`)
  // while the caller's storage still holds it.
  if (Seen.Overwrite)
    return (*Exit)[Index].Bits == Inherited
               ? ParameterSummary{ParameterEffect::Overwritten, Seen.Overwrite}
               : ParameterSummary{};
  HandleStateSet Bits = (*Exit)[Index].Bits;
  if (Seen.Released && !(Bits & ~(Released | Invalid | Failed)))
    return {ParameterEffect::Released};
  if (Bits == Inherited)
    return {ParameterEffect::UsedOnly};
  return {};
}

/// What \p Function does with each by-value parameter, from its replay.
void summarizeParameters(const FunctionAnalysis &Analysis,
                         const std::optional<FlowState> &Exit,
                         const HandleCatalog &Catalog,
                         FunctionSummary &Summary) {
  const TrackedStorage &Tracked = Analysis.tracked();
  ParameterWatcher Watcher(Catalog, Tracked);
  Analysis.replay(Watcher);
  const FunctionDecl &Function = Analysis.function();
  for (unsigned I = 0; I < Tracked.size(); ++I) {
    const StorageKey &Key = Tracked.key(I);
    // What library objects hold is not summarized: callers let it go.
    if (Key.Held)
      continue;
    // `*out = fopen(...)`, `fclose(*pp)`: what the caller's storage a
    // pointer parameter points to holds afterwards.
    if (Key.isPointee()) {
      const ParmVarDecl *Param = Key.pointeeParameter();
      // Only when the function keeps no copy of the pointer: callers then
      // know all it does with their storage. (A typed local copy of the
      // parameter is only dereferenced, and is the parameter's only use.)
      if (Param == Key.Var ? !onlyDereferenced(Param, Function.getBody(),
                                               /*Subscripts=*/true)
                           : !referencedOnce(Param, Function.getBody()))
        continue;
      ParameterSummary Effect =
          captureEffect(Watcher.ByIndex.lookup(I), Exit, I);
      if (Effect.Effect != ParameterEffect::Unknown &&
          Param->getFunctionScopeIndex() < Function.getNumParams())
        Summary.ParameterFields.push_back({Param->getFunctionScopeIndex(),
                                           nullptr, Effect,
                                           static_cast<unsigned>(Key.Index)});
      continue;
    }
    if (Key.Var && !Key.Field && Key.Index < 0 &&
        capturesByReference(&Function, Key.Var)) {
      Summary.Captures.push_back(
          {Key.Var, captureEffect(Watcher.ByIndex.lookup(I), Exit, I)});
      continue;
    }
    // A file-local global read out into a local that is overwritten while
    // it holds the caller's handle.
    if (Key.Var && Key.Var->hasGlobalStorage() && !Key.Field && Key.Index < 0) {
      ParameterWatcher::Seen Seen = Watcher.ByIndex.lookup(I);
      if (Seen.Overwrite && !Seen.Escaped && !Seen.Released)
        Summary.GlobalsOverwritten.push_back({Key.Var, Seen.Overwrite});
      continue;
    }
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Key.Var);
    if (!Param || Key.Index >= 0 ||
        Param->getFunctionScopeIndex() >= Function.getNumParams())
      continue;
    unsigned Position = Param->getFunctionScopeIndex();
    // A reference parameter that receives a fresh handle on every path
    // that returns: an out-parameter acquisition for the caller.
    if (!Key.Field && Param->getType()->isReferenceType()) {
      if (std::optional<ParameterSummary> Fresh =
              acquisitionAtExit(Watcher.ByIndex.lookup(I), Exit, I)) {
        if (Summary.Parameters.size() < Function.getNumParams())
          Summary.Parameters.resize(Function.getNumParams());
        Summary.Parameters[Position] = *Fresh;
      }
      continue;
    }
    if (!Tracked.startsWithCallerValue(Param))
      continue;
    ParameterWatcher::Seen Seen = Watcher.ByIndex.lookup(I);
    ParameterSummary Result;
    if (Seen.Escaped) {
      Result.Effect = ParameterEffect::Unknown;
    } else if (Seen.Overwrite || Seen.ExternalOverwrite) {
      Result.Effect = ParameterEffect::Overwritten;
      Result.OverwriteSite = Seen.Overwrite;
      Result.ExternalOverwrite = Seen.ExternalOverwrite;
    } else if (Seen.ForwardTo) {
      // What happens to it is up to the other file's function.
      if (!Seen.Released && !Key.Field) {
        Result.ForwardTo = Seen.ForwardTo;
        Result.ForwardParam = Seen.ForwardParam;
      }
    } else if (!Exit) {
      Result.Effect = ParameterEffect::Unknown; // Never returns.
    } else if (Seen.Released) {
      // Closed (or reset) on every path: nothing of the caller's value is
      // left; on some paths only, the caller cannot tell.
      Result.Effect = (*Exit)[I].Bits & (Inherited | OpenStates)
                          ? ParameterEffect::Unknown
                          : ParameterEffect::Released;
    } else if (Key.Field && Seen.Stored) {
      // The caller's field now holds something else: its handle was
      // handed over, dropped, or replaced by a value the caller cannot see
      // (`c->fd = sock` with `sock` from an unknown helper).
      Result.Effect = ParameterEffect::Unknown;
    } else {
      Result.Effect = ParameterEffect::UsedOnly;
    }
    if (Key.Field) {
      Summary.ParameterFields.push_back({Position, Key.Field, Result});
      continue;
    }
    if (Result.Effect == ParameterEffect::Unknown && !Result.ForwardTo)
      continue;
    if (Summary.Parameters.size() < Function.getNumParams())
      Summary.Parameters.resize(Function.getNumParams());
    Summary.Parameters[Position] = Result;
  }
}

} // namespace

/// Whether the paths of \p Analysis on which storage \p Index is not
/// released part from the others at a test of a flag this function keeps
/// in step with it, on the side where the flag is unset (FlagTests.h).
static bool skipsOnlyWhenFlagUnset(const FunctionAnalysis &Analysis,
                                   unsigned Index) {
  SkippedRelease Skipped = Analysis.explainSkippedReleaseAtExit(Index);
  std::optional<FlagTest> Test =
      flagTested(Skipped.Condition, Analysis.tracked().key(Index),
                 Analysis.tracked(), Analysis.context());
  return Test && Test->ZeroWhen == Skipped.WhenTrue &&
         setsFlagToConstant(&Analysis.body(), Test->Flag, Analysis.context());
}

std::optional<FunctionSummary>
HandleFlowAnalysis::summarize(const FunctionDecl *Function, const Stmt *Body) {
  std::unique_ptr<FunctionAnalysis> Result = analyze(Function, Body);
  if (!Result)
    return std::nullopt;
  std::optional<FlowState> Exit = Result->exitState();
  FunctionSummary Summary;
  summarizeParameters(*Result, Exit, Catalog, Summary);
  if (!Exit)
    return Summary; // Never returns: releases nothing for its callers.
  for (unsigned I = 0; I < Result->tracked().size(); ++I) {
    const StorageKey &Key = Result->tracked().key(I);
    bool Global =
        Key.Var && Key.Var->hasGlobalStorage() && !Key.Field && Key.Index < 0;
    if (Key.Held || (!Global && (Key.Var || !Key.Field)))
      continue;
    HandleStateSet Bits = (*Exit)[I].Bits;
    // Closed or set to the invalid value: no handle from before is left.
    constexpr HandleStateSet Gone = Released | Invalid | Failed;
    bool Always = Bits && (Bits & ~Gone) == 0;
    if (!Always && !(Bits & Gone))
      continue;
    // `if (open_) { ::close(fd_); open_ = false; }`: the path that skips
    // the close is the one where a flag kept in step says nothing is open.
    if (!Always)
      Always = skipsOnlyWhenFlagUnset(*Result, I);
    if (Global)
      (Always ? Summary.GlobalsAlwaysReleased
              : Summary.GlobalsSometimesReleased)
          .push_back(Key.Var);
    else
      (Always ? Summary.AlwaysReleased : Summary.SometimesReleased)
          .push_back(Key.Field);
  }
  return Summary;
}

/// A call of a virtual method may run an override.
static bool mayRunOverride(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
         !Method->getParent()->hasAttr<FinalAttr>();
}

const FunctionSummary *SummaryCache::summaryOf(const FunctionDecl *Function) {
  if (Function && mayRunOverride(*Function))
    return nullptr;
  return summaryOfTarget(Function);
}

const FunctionSummary *
SummaryCache::summaryOfTarget(const FunctionDecl *Function) {
  const FunctionDecl *Definition =
      Function ? Function->getDefinition() : nullptr;
  if (Function && !Definition) {
    if (External)
      return externalSummaryOf(*Function);
    // What an index would have been asked (externalSummaryOf's lookup).
    if (llvm::StringRef Name = RecordsAsks ? askableName(*Function) : "";
        !Name.empty())
      noteAsked(Name);
  }
  if (!Definition || !Definition->getBody() ||
      Definition->isDependentContext() ||
      Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(Definition);
  auto Cached = Cache.find(Definition);
  if (Cached != Cache.end()) {
    replayAsks({Definition, nullptr});
    return Cached->second.get();
  }
  if (IsDamaged && IsDamaged(Definition)) {
    auto Untrusted = std::make_unique<FunctionSummary>();
    Untrusted->Untrusted = true;
    return (Cache[Definition] = std::move(Untrusted)).get();
  }
  // Recursion and long helper chains: no summary (the caller keeps what it
  // knew), and nothing cached so a shallower query can still compute it.
  if (InProgress.contains(Definition) || InProgress.size() >= MaxDepth)
    return nullptr;

  InProgress.insert(Definition);
  TrackingPolicy SummaryPolicy = Policy;
  SummaryPolicy.TrackReleasedFields = Method && !Method->isStatic();
  SummaryPolicy.TrackParameters = true;
  HandleFlowAnalysis Analysis(Catalog, Ctx, Limits, SummaryPolicy, this);
  beginAsks();
  std::optional<FunctionSummary> Summary =
      Analysis.summarize(Definition, Definition->getBody());
  endAsks({Definition, nullptr});
  InProgress.erase(Definition);

  std::unique_ptr<FunctionSummary> &Slot = Cache[Definition];
  if (Summary && Summary->isInformative())
    Slot = std::make_unique<FunctionSummary>(std::move(*Summary));
  return Slot.get();
}

void SummaryCache::noteAsked(llvm::StringRef Name) {
  if (!AskFrames.empty())
    AskFrames.back().insert(Name);
  else if (AskSink)
    AskSink->insert(Name);
}

void SummaryCache::replayAsks(
    std::pair<const void *, const void *> Computation) {
  if (!RecordsAsks)
    return;
  auto Asked = AskedBy.find(Computation);
  if (Asked != AskedBy.end())
    for (const auto &Name : Asked->second)
      noteAsked(Name.getKey());
}

void SummaryCache::beginAsks() {
  if (RecordsAsks)
    AskFrames.emplace_back();
}

void SummaryCache::endAsks(std::pair<const void *, const void *> Computation) {
  if (!RecordsAsks)
    return;
  llvm::StringSet<> Asked = std::move(AskFrames.back());
  AskFrames.pop_back();
  for (const auto &Name : Asked)
    noteAsked(Name.getKey());
  if (!Asked.empty())
    AskedBy[Computation] = std::move(Asked);
}

const FunctionSummary *
SummaryCache::externalSummaryOf(const FunctionDecl &Function) {
  if (Ctx.getSourceManager().isInSystemHeader(Function.getLocation()))
    return nullptr;
  const FunctionDecl *Canonical = Function.getCanonicalDecl();
  auto Cached = Cache.find(Canonical);
  if (Cached != Cache.end())
    return Cached->second.get();
  return (Cache[Canonical] = summaryFromIndex(*External, Function, Ctx)).get();
}

std::optional<HandleStateSet>
SummaryCache::fieldStateAtCall(const FunctionDecl *Caller, const CallExpr *Call,
                               unsigned ArgIndex, const FieldDecl *Field) {
  auto Known = FieldStates.find({Call, Field});
  if (Known != FieldStates.end()) {
    replayAsks({Call, Field});
    return Known->second;
  }
  const FunctionDecl *Definition = Caller ? Caller->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody() || ArgIndex >= Call->getNumArgs() ||
      (IsDamaged && IsDamaged(Definition)) || InProgress.contains(Definition) ||
      InProgress.size() >= MaxDepth)
    return std::nullopt;
  // The object passed: the caller's pointer (`conn_reconnect(c)`), or the
  // address of a variable (`connect_to(&g_client)`).
  const Expr *Arg = withoutAddressOf(Call->getArg(ArgIndex));
  const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var)
    return std::nullopt;
  // Without a field: the storage a reference parameter binds to.
  StorageKey Key{Var, -1, Field};

  InProgress.insert(Definition);
  TrackingPolicy CallerPolicy = Policy;
  CallerPolicy.Extra = Key;
  HandleFlowAnalysis Analysis(Catalog, Ctx, Limits, CallerPolicy, this);
  beginAsks();
  std::unique_ptr<FunctionAnalysis> Flow =
      Analysis.analyze(Definition, Definition->getBody());
  endAsks({Call, Field});
  std::optional<HandleStateSet> Result;
  if (Flow) {
    int Index = Flow->tracked().indexOf(Key);
    std::optional<FlowState> Before =
        Index >= 0 ? Flow->stateBefore(Call) : std::nullopt;
    if (Before) {
      Result = (*Before)[Index].Bits;
      // What the caller inherits is an earlier handle only if the caller
      // itself can hold one from before.
      if ((*Result & Inherited) && !Flow->canInherit(Key))
        *Result = (*Result & ~Inherited) | Invalid;
    } else if (Index >= 0) {
      Result = Invalid; // The call is never reached.
    }
  }
  InProgress.erase(Definition);
  FieldStates[{Call, Field}] = Result;
  return Result;
}

} // namespace clang::tidy::resource
