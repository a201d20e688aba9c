//===--- ReassignmentRule.cpp - resource-tidy -----------------------------===//

#include "unclosed-reassignment/ReassignmentRule.h"
#include "engine/FileLocalGlobals.h"
#include "engine/FlagTests.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::resource {

bool ReassignmentRule::losesInheritedHandle(const Overwrite &What,
                                            const StorageKey &Key) const {
  if (!Analysis.canInherit(Key))
    return false;
  // A fresh handle stored over one from an earlier call (the reconnect()
  // bug), including through an out-parameter.
  if (!What.NewValue || asAcquisition(What.NewValue, Analysis.catalog()))
    return true;
  // A handle opened into a local, then stored (`s->client = fd;`): only
  // where the same object certainly comes back (objects passed from two
  // places are often fresh, and guarded by the callers).
  if (What.FreshValue && Analysis.runsAgainOnSameObject(Key))
    return true;
  // `bufferevent_setfd(c->bev, -1)` on an object from before the call:
  // its handle is set to nothing only to drop it, and nothing but the
  // object held it (a copy read out with the getter makes it escape).
  if (Key.Held && isInvalidHandleConstant(What.NewValue, Analysis.context()))
    return true;
  // An assignment operator replacing a handle field must release it.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Analysis.function()))
    return Method->isCopyAssignmentOperator() ||
           Method->isMoveAssignmentOperator();
  // A reset of a file-local global that nothing in the file closes, copies
  // or passes on (`g_transfer_fd = -1;` in a callback): nothing else can
  // ever close what it holds.
  if (isInvalidHandleConstant(What.NewValue, Analysis.context()) && Key.Var &&
      !Key.Field && Key.Index < 0 &&
      isNeverHandedOver(Key.Var, Analysis.context(), Analysis.catalog()))
    return true;
  // Other values (`conn_ = nullptr`, `out->stream = stderr`) are mostly
  // hand-overs and resets of storage whose handle went elsewhere.
  return false;
}

void ReassignmentRule::overwritten(const Overwrite &What, unsigned Index,
                                   const VariableState &Before) {
  if (!(Before.Bits & LeakableStates))
    return;
  const TrackedStorage &Tracked = Analysis.tracked();
  const StorageKey &Key = Tracked.key(Index);
  // A container of handles assigned as a whole (`v = {}`): which handles
  // it held, and how to close them, is not one release. `v.clear()` drops
  // the one it is followed with (HandleContainers.h).
  if (Key.Var && !Key.Field && Key.Index < 0 &&
      !containerElementType(Key.wholeType()).isNull() &&
      !isContainerClear(What.Site))
    return;
  // `fd = f(fd)` hands the old value to f: not a loss; `fd = dup(fd)` and
  // `c->conn = PQconnectdb(c->conninfo)` keep nothing of it.
  if (mayHandOver(What.NewValue, Key, Analysis.catalog(), Analysis.context()))
    return;
  // Another name (a copy) still reads the handle later: not lost here.
  if (Analysis.hasLiveAlias(Index))
    return;
  if (!(Before.Bits & OpenStates) && !losesInheritedHandle(What, Key))
    return;
  // Only an earlier call's handle may be there, and the new one is made
  // from the same object's other fields (`per->fd = open(per->path)`): the
  // evidence that the function runs again on the *same* object is too weak
  // to report it (objects are often fresh for each call), unless the
  // function is a handler, called again with the object it was registered
  // with (a log-reopen callback: `log->fp = fopen(log->path, "a")`).
  if (!(Before.Bits & OpenStates) && Key.Var &&
      mentionsVariable(What.NewValue, Key.Var) && !Analysis.isHandler())
    return;
  LeakFinding Finding(What, Key, Before);
  if (Key.Var && !Key.Field)
    Finding.SinkFamily = Tracked.sinkFamily(Key.Var);
  Findings.push_back(Finding);
  Context.push_back({Index, Analysis.replayBlock()});
}

void ReassignmentRule::released(const Expr *, unsigned Index,
                                const VariableState &Before) {
  if (Before.Bits & Inherited)
    ReleasedInherited.insert(Index);
}

bool ReassignmentRule::isFlagTest(const Expr *Condition,
                                  const StorageKey &Key) const {
  std::optional<FlagTest> Test =
      flagTested(Condition, Key, Analysis.tracked(), Analysis.context());
  // Kept in step: this function sets the flag to a constant somewhere
  // (`owns = true;` next to the open), unlike a caller's `int cond`.
  return Test &&
         setsFlagToConstant(&Analysis.body(), Test->Flag, Analysis.context());
}

bool ReassignmentRule::guardedByUnsetFlag(const CFGBlock &Block,
                                          const StorageKey &Key) const {
  // The nearest branch above the overwrite, through blocks with one way in.
  const CFGBlock *Current = &Block;
  for (unsigned Steps = 0; Steps < 8 && Current->pred_size() == 1; ++Steps) {
    const CFGBlock *Pred = Current->pred_begin()->getReachableBlock();
    if (!Pred)
      return false;
    if (Pred->succ_size() != 2 || !Pred->getTerminatorCondition()) {
      Current = Pred;
      continue;
    }
    bool OnTrueEdge = Pred->succ_begin()->getReachableBlock() == Current;
    const Expr *Condition = Pred->getLastCondition();
    if (!Condition)
      Condition = dyn_cast<Expr>(Pred->getTerminatorCondition());
    std::optional<FlagTest> Test =
        flagTested(Condition, Key, Analysis.tracked(), Analysis.context());
    // A flag that outlives the call, unset on the way here, that this
    // function sets once it has opened the handle.
    return Test && Test->ZeroWhen == OnTrueEdge && Test->Flag.outlivesCall() &&
           setsFlagToConstant(&Analysis.body(), Test->Flag, Analysis.context(),
                              /*NonzeroOnly=*/true);
  }
  return false;
}

bool ReassignmentRule::guardedByStateCase(const Expr *Site,
                                          const StorageKey &Key) const {
  // `switch (sock->stat) { case SOCK_BEGIN: ... sock->fd = socket(...);
  // sock->stat = SOCK_CONN; ...`: opened only in the state this function
  // leaves once it has opened.
  std::optional<StateCase> Case = stateCaseOf(
      Site, &Analysis.body(), Analysis.tracked(), Analysis.context());
  return Case && !(Case->State == Key) && Case->State.outlivesCall() &&
         setsFlagTo(&Analysis.body(), Case->State, Analysis.context(),
                    [&](const llvm::APSInt &Value) {
                      return llvm::APSInt::compareValues(Value, Case->Value) !=
                             0;
                    });
}

void ReassignmentRule::passedToOverwriter(const CallExpr *Call, unsigned Index,
                                          const VariableState &Before,
                                          const ParameterSummary &Callee) {
  // Only a handle opened here, in a variable of this call that nothing
  // names after the call: otherwise the caller may still close it.
  const StorageKey &Key = Analysis.tracked().key(Index);
  const auto *Var = dyn_cast_or_null<VarDecl>(Key.Var);
  // A file-local global the callee alone reads out (`FILE *data =
  // g_pending;`) carries the handle to it as an argument would.
  bool Mailbox = Var && !Key.Field && Key.Index < 0 &&
                 Var->hasGlobalStorage() &&
                 isMailboxOf(Var, Call->getDirectCallee(), Analysis.context(),
                             Analysis.catalog());
  if (!(Before.Bits & OpenStates) || !Var ||
      (Key.Field && !Var->getType()->isRecordType()) ||
      (Key.Index >= 0 && !Var->getType()->isConstantArrayType()) ||
      ((Key.outlivesCall() || Var->isStaticLocal()) && !Mailbox) ||
      Analysis.tracked().isAddressExposed(Var) ||
      Analysis.mentionedAfter(Call, Var) || Analysis.hasLiveAlias(Index, Call))
    return;
  HandOverLosses.emplace_back(Call, Callee, Key, Before);
}

void ReassignmentRule::explain(LeakFinding &Finding, unsigned Index,
                               const CFGBlock &Block) const {
  const SourceManager &SM = Analysis.context().getSourceManager();
  if (Finding.AcquiredAt) {
    const Expr *OwnAcquisition = Finding.What.NewValue
                                     ? stripValueWrappers(Finding.What.NewValue)
                                     : Finding.What.Root;
    Finding.AcquiredInEarlierIteration =
        Finding.AcquiredAt == OwnAcquisition ||
        !SM.isBeforeInTranslationUnit(Finding.AcquiredAt->getBeginLoc(),
                                      Finding.What.Root->getBeginLoc());
  }
  // The branch note explains which path skipped the close: only meaningful
  // when some other path did close (or hand over) the handle.
  if (!Finding.isDefinite() && (Finding.Bits & (Released | Escaped)))
    Finding.Skipped = Analysis.explainSkippedRelease(Index, Block);
}

llvm::SmallVector<LeakFinding, 4> ReassignmentRule::run() {
  Analysis.replay(*this);
  const TrackedStorage &Tracked = Analysis.tracked();
  llvm::SmallVector<LeakFinding, 4> Kept;
  for (unsigned I = 0; I < Findings.size(); ++I) {
    unsigned Index = Context[I].first;
    const StorageKey &Key = Tracked.key(Index);
    bool UnconfirmedSink = Key.Var && !Key.Field &&
                           Tracked.isSinkParameter(Key.Var) &&
                           !ReleasedInherited.count(Index);
    if (UnconfirmedSink) {
      // Not a sink after all: the caller's value is just unknown.
      Findings[I].Bits &= ~Inherited;
      if (!(Findings[I].Bits & OpenStates))
        continue;
    }
    // `session() { g = socket(...); ...; close(g); }` run again finds g
    // closed; `if (!once) { g = socket(...); once = 1; }` opens it once.
    if (Findings[I].isInheritedOnly() &&
        (Analysis.closesWhatItStores(Findings[I].Storage) ||
         guardedByUnsetFlag(*Context[I].second, Key) ||
         guardedByStateCase(Findings[I].What.Root, Key)))
      continue;
    explain(Findings[I], Index, *Context[I].second);
    // `if (owns_stream) fclose(stream); stream = stdout;`: the path that
    // skips the close is the one where a flag says there is nothing to
    // close. The flag is kept in step with the handle more often than not.
    if (!Findings[I].isDefinite() &&
        isFlagTest(Findings[I].Skipped.Condition, Key))
      continue;
    Kept.push_back(Findings[I]);
  }
  return Kept;
}

} // namespace clang::tidy::resource
