//===--- AnalysisSession.cpp - resource-tidy ------------------------------===//

#include "engine/AnalysisSession.h"
#include "engine/AcquirerInference.h"
#include "engine/FileLocalGlobals.h"
#include "engine/IndexedSummaries.h"
#include "engine/PointerBindings.h"
#include "engine/TrackingTriggers.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <mutex>

namespace clang::tidy::resource {

std::string SessionOptions::key() const {
  std::string Key;
  for (const std::string *Part :
       {&Catalog.BuiltinFamilies, &Catalog.Families, &Catalog.HeldHandles,
        &Catalog.UseFunctions, &Catalog.SinkFunctions, &Catalog.ReleaseMethods,
        &Catalog.DeferredDeleteMethods, &Catalog.ConnectionClasses,
        &Catalog.ValueHandleClasses, &Catalog.NoReturnFunctions})
    Key += *Part + '\x1f';
  Key += Catalog.SharedPointerConnections ? '1' : '0';
  Key += std::to_string(Limits.MaxStatementsTimesVariables);
  Key += std::to_string(static_cast<int>(Persistent));
  Key += '\x1f' + RunAgainFunctions;
  Key += '\x1f' + SummaryIndexPath + '\x1f' + SummaryShardDir;
  Key += CheckWhileIndexing ? '1' : '0';
  return Key;
}

std::shared_ptr<AnalysisSession>
AnalysisSession::get(const void *Owner, const SessionOptions &Options,
                     OptionProblemHandler Report) {
  // clangd builds ASTs on several threads, each with its own checks.
  static std::mutex Lock;
  static std::map<std::pair<const void *, std::string>,
                  std::weak_ptr<AnalysisSession>>
      Sessions;
  std::lock_guard<std::mutex> Guard(Lock);
  // Forget sessions whose checks are gone.
  for (auto It = Sessions.begin(); It != Sessions.end();)
    It = It->second.expired() ? Sessions.erase(It) : std::next(It);
  auto &Slot = Sessions[{Owner, Options.key()}];
  if (std::shared_ptr<AnalysisSession> Existing = Slot.lock())
    return Existing;
  std::shared_ptr<AnalysisSession> Created(
      new AnalysisSession(Options, buildCatalog(Options.Catalog, Report)));
  Slot = Created;
  return Created;
}

void AnalysisSession::attachTo(Preprocessor &PP) {
  if (Attached == &PP)
    return;
  Attached = &PP;
  // Called before parsing starts, in clang-tidy and in clangd alike.
  CompileErrors.attach(PP.getDiagnostics());
}

void AnalysisSession::startTranslationUnit() {
  // The first check to start the TU resets; by then nothing was computed.
  LastFunction = nullptr;
  LastAnalysis.reset();
  Summaries.reset();
  Holders.reset();
  Graphs.emplace(ScopeEnds);
  Catalog.forgetLearnedRoles();
  AcquirersInferred = false;
  Reach.reset();
  CurrentContext = nullptr;
  forgetPointerBindings();
  forgetFileLocalGlobals();
  Shard.reset();
  InShard.clear();
  Wants = ShardWants();
}

void AnalysisSession::endTranslationUnit() {
  if (!Attached)
    return;
  if (writesShard())
    writeShard();
  CompileErrors.detach();
  Attached = nullptr;
  LastFunction = nullptr;
  LastAnalysis.reset();
  Graphs.reset();
}

bool AnalysisSession::hasCompileErrors(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  return Body && CurrentContext &&
         CompileErrors.touches(
             SourceRange(Function.getBeginLoc(), Body->getEndLoc()),
             CurrentContext->getSourceManager());
}

const HandleHolders *AnalysisSession::holders() {
  if (Options.Persistent == PersistentStorageMode::None || !CurrentContext)
    return nullptr;
  if (!Holders) {
    // The walk also notes the bodies the check's pre-pass would find
    // nothing in; not while recording what an index would be asked, where
    // the pre-pass's questions are themselves the record.
    std::optional<TrackingTriggers> Triggers;
    if (!recordsWants())
      Triggers.emplace(Catalog, *CurrentContext, MayFill, Index != nullptr);
    Holders = HandleHolders::collect(
        *CurrentContext, Catalog,
        [this](const FunctionDecl *F) { return hasCompileErrors(*F); },
        &RunAgainMatcher, Triggers ? &*Triggers : nullptr);
  }
  return &*Holders;
}

TrackingPolicy AnalysisSession::prepare(ASTContext &Ctx) {
  CurrentContext = &Ctx;
  // Wrappers that return a fresh handle are acquisitions for everything
  // computed after them (evidence, summaries, flows): those the index
  // knows of first, then this TU's (which may wrap them).
  if (!AcquirersInferred) {
    AcquirersInferred = true;
    if (Index)
      learnIndexedAcquirers(*Index, Ctx, Catalog);
    else if (recordsWants())
      noteAcquirerCandidates(Ctx, Catalog, Wants.Acquirers);
    inferAcquirers(Ctx, Catalog, Options.Limits, [this](const FunctionDecl *F) {
      return hasCompileErrors(*F);
    });
    // Recording what an index would be asked asks the same questions.
    Reach.emplace(Catalog, Ctx.getSourceManager(),
                  Index || recordsWants()
                      ? llvm::function_ref<bool(const FunctionDecl *)>(
                            ReachSummarizedElsewhere)
                      : nullptr);
  }
  TrackingPolicy Policy;
  Policy.Graphs = Graphs ? &*Graphs : nullptr;
  Policy.Mode = Options.Persistent;
  Policy.Holders = Holders ? &*Holders : nullptr;
  Policy.GetHolders = HoldersOnDemand;
  // While recording, the pre-pass tells what it would have asked instead.
  if (Index)
    Policy.SummarizedElsewhere = SummarizedElsewhere;
  else if (recordsWants())
    Policy.NoteAsk = NoteAsk;
  Policy.MayFill = MayFill;
  if (!Summaries)
    Summaries.emplace(
        Catalog, Ctx, Options.Limits, TrackingPolicy{},
        [this](const FunctionDecl *F) { return hasCompileErrors(*F); });
  Summaries->setPolicy(Policy);
  Summaries->setIndex(Index.get());
  Summaries->recordAsks(recordsWants());
  // What the check asks about other files' functions, directly or through
  // the summaries it uses, is what the index could change.
  Summaries->setAskSink(&Wants.Summaries);
  Policy.SummarizesPointee = SummarizesPointee;
  return Policy;
}

void AnalysisSession::noteAsk(const FunctionDecl *F, int Param) {
  llvm::StringRef Name = askableName(*F);
  if (Name.empty() || !Summaries)
    return;
  // `name#N`: only whether it stores a fresh handle through parameter N.
  Summaries->noteAsked(Param < 0 ? Name.str()
                                 : (Name + "#" + llvm::Twine(Param)).str());
}

bool AnalysisSession::reachSummarizedElsewhere(const FunctionDecl *F) {
  if (!recordsWants())
    return SummarizedElsewhere(F);
  // AcquisitionReach remembers its answers whoever asked first: its
  // questions always count.
  if (llvm::StringRef Name = askableName(*F); !Name.empty())
    Wants.Summaries.insert(Name);
  return false;
}

void AnalysisSession::summarizeForShard(const FunctionDecl &Function,
                                        ASTContext &Ctx) {
  // Only what another file can call: an external function defined in the
  // main file (a header's inline function is summarized where it is used).
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(Function.getLocation()) ||
      !Function.isExternallyVisible() || Function.isInlined() ||
      Function.isTemplateInstantiation())
    return;
  if (!InShard.insert(&Function).second)
    return;
  prepare(Ctx);
  if (!Shard)
    Shard.emplace();
  // What this body does; callers decide whether a call runs it.
  // Its own questions about other files' functions count only if the
  // check uses this summary (SummaryCache::replayAsks).
  Summaries->setAskSink(nullptr);
  const FunctionSummary *Summary = Summaries->summaryOfTarget(&Function);
  Summaries->setAskSink(&Wants.Summaries);
  if (std::optional<IndexedFunction> Entry =
          indexEntryOf(Function, Summary, Catalog.roleOf(&Function), SM))
    Shard->add(std::move(*Entry));
}

void AnalysisSession::writeShard() {
  // An empty shard too: it records that the file was indexed.
  const ShardWants *Asked = Options.CheckWhileIndexing ? &Wants : nullptr;
  std::string Text =
      Shard ? Shard->serialize(Asked) : SummaryIndex().serialize(Asked);
  Shard.reset();
  const SourceManager &SM = Attached->getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return;
  std::string Path = shardPath(Options.SummaryShardDir, Main->getName());
  std::error_code Error;
  llvm::raw_fd_ostream Out(Path, Error);
  if (!Error) {
    Out << Text;
    Out.close();
    Error = Out.error();
  }
  if (Error)
    llvm::errs() << "resource-tidy: cannot write the summary shard '" << Path
                 << "': " << Error.message() << "\n";
}

const FunctionAnalysis *
AnalysisSession::analyze(const FunctionDecl &Function, ASTContext &Ctx,
                         HandleFlowAnalysis::Skipped *WhySkipped,
                         const BlockDecl *Block, bool BlockRunsOnce) {
  if (LastFunction == &Function && LastBlock == Block &&
      CurrentContext == &Ctx) {
    if (WhySkipped)
      *WhySkipped = LastSkipped;
    return LastAnalysis.get();
  }
  // Matching runs on the complete AST: the whole TU's evidence of which
  // fields and globals hold handles can be gathered once, on first need.
  TrackingPolicy Policy = prepare(Ctx);

  LastFunction = &Function;
  LastBlock = Block;
  LastAnalysis.reset();
  LastSkipped = HandleFlowAnalysis::Skipped::No;
  // The parser may have dropped statements of a function with errors.
  if (hasCompileErrors(Function)) {
    LastSkipped = HandleFlowAnalysis::Skipped::HasErrors;
  } else if (!Block && Holders && Holders->isQuiet(&Function)) {
    // Nothing there the pre-pass could track (TrackingTriggers.h).
#ifdef RESOURCE_TIDY_VERIFY_QUIET
    TrackedStorage Tracked = TrackedStorage::collect(
        &Function, Function.getBody(), Catalog, Ctx, Policy);
    if (!Tracked.empty() || Tracked.hasErrors())
      llvm::report_fatal_error(
          llvm::Twine("resource-tidy: the pre-pass of '") +
          Function.getNameAsString() + "' was skipped, but it tracks " +
          (Tracked.hasErrors() ? "nothing: it has errors" : "storage"));
#endif
  } else {
    Policy.Block = Block;
    Policy.BlockRunsOnce = BlockRunsOnce;
    HandleFlowAnalysis Analysis(Catalog, Ctx, Options.Limits, Policy,
                                &*Summaries);
    LastAnalysis = Analysis.analyze(
        &Function, Block ? Block->getBody() : Function.getBody(), &LastSkipped,
        ScopeEnds);
  }
  if (WhySkipped)
    *WhySkipped = LastSkipped;
  return LastAnalysis.get();
}

} // namespace clang::tidy::resource
