//===--- AnalysisSession.h - resource-tidy --------------------------------===//
//
// What every enabled resource-* check shares in one translation unit: the
// catalog (built once from the family's options), the compiler's error
// log (attached once), the TU-wide evidence of which fields and globals
// hold handles, the helpers' summaries, and the solved flow of the function
// being checked. clang-tidy creates each check on its own; the first one
// to ask creates the session and the others with the same options join it,
// so a second check costs its rule, not a second analysis.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_ANALYSISSESSION_H
#define RESOURCE_TIDY_ANALYSISSESSION_H

#include "catalog/CatalogOptions.h"
#include "catalog/HandleFamilies.h"
#include "engine/AcquisitionReach.h"
#include "engine/CompileErrors.h"
#include "engine/HandleFlow.h"
#include "engine/HandleHolders.h"
#include "engine/RunAgainNames.h"
#include "engine/SharedGraphs.h"
#include "engine/SummaryIndex.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::resource {

/// The options every resource-* check reads the same way (with
/// getLocalOrGlobal): they decide what the session computes.
struct SessionOptions {
  CatalogOptions Catalog;
  FlowLimits Limits;
  PersistentStorageMode Persistent = PersistentStorageMode::All;
  /// Names of functions that run again whoever calls them (a regular
  /// expression matched against the whole unqualified name).
  std::string RunAgainFunctions = DefaultRunAgainFunctions;
  /// The summary index to read (SummaryIndex.h); empty for none.
  std::string SummaryIndexPath;
  /// The directory to write each TU's shard of the index to (the first
  /// pass of `resource-tidy -p`); empty for none.
  std::string SummaryShardDir;
  /// With SummaryShardDir: check as well, and record in the shard which
  /// functions of other files the check asked about (ShardWants), so that
  /// only the files the index could change are checked again.
  bool CheckWhileIndexing = false;

  static constexpr const char *DefaultRunAgainFunctions =
      RunAgainNames::DefaultPattern;

  /// A string that differs whenever the options differ.
  std::string key() const;
};

class AnalysisSession {
public:
  /// The session for checks of \p Owner (the ClangTidyContext) with
  /// \p Options, created on first use. Malformed option entries are passed
  /// to \p Report once, by the check that creates the session.
  static std::shared_ptr<AnalysisSession> get(const void *Owner,
                                              const SessionOptions &Options,
                                              OptionProblemHandler Report);

  const HandleCatalog &catalog() const { return Catalog; }
  const SessionOptions &options() const { return Options; }

  /// A check whose rule needs lastReferenceGone events asks for them before
  /// any translation unit is analysed.
  void requireScopeEnds() { ScopeEnds = true; }

  /// Per translation unit; every check forwards its own calls, repeated
  /// calls do nothing more.
  void attachTo(Preprocessor &PP);
  void startTranslationUnit();
  void endTranslationUnit();

  /// Whether the compiler reported an error in \p Function (or a fatal one
  /// before it): the parser may have dropped some of its statements.
  bool hasCompileErrors(const FunctionDecl &Function);

  /// The solved flow of \p Function, shared by the checks that ask next
  /// for the same function; null when there is nothing to analyse (then
  /// \p WhySkipped says why, if it was skipped).
  /// With \p Block, the body of that block literal inside \p Function is
  /// analysed instead of the function's.
  const FunctionAnalysis *analyze(const FunctionDecl &Function, ASTContext &Ctx,
                                  HandleFlowAnalysis::Skipped *WhySkipped,
                                  const BlockDecl *Block = nullptr,
                                  bool BlockRunsOnce = false);

  /// Summaries of functions of other files, for every analysis after.
  void useIndex(std::shared_ptr<const SummaryIndex> Loaded) {
    Index = std::move(Loaded);
  }
  /// Whether this run writes index shards.
  bool writesShard() const { return !Options.SummaryShardDir.empty(); }
  /// Whether it writes them instead of checking.
  bool onlyIndexes() const {
    return writesShard() && !Options.CheckWhileIndexing;
  }
  /// Adds \p Function's summary to the TU's shard, if other files could
  /// call it; the shard is written when the TU ends.
  void summarizeForShard(const FunctionDecl &Function, ASTContext &Ctx);

  /// Which fields and globals hold handles in the current TU (built on
  /// first need); null when persistent storage is not tracked.
  const HandleHolders *holders();
  /// The evidence if some analysis of this TU needed it already, or null.
  const HandleHolders *holdersIfBuilt() const {
    return Holders ? &*Holders : nullptr;
  }

private:
  AnalysisSession(SessionOptions Options, HandleCatalog Catalog)
      : Options(std::move(Options)), Catalog(std::move(Catalog)),
        RunAgainMatcher(this->Options.RunAgainFunctions),
        HoldersOnDemand([this] { return holders(); }),
        SummarizedElsewhere([this](const FunctionDecl *F) {
          return Summaries && Summaries->summaryOf(F) != nullptr;
        }) {}

  SessionOptions Options;
  HandleCatalog Catalog;
  bool ScopeEnds = false;
  CompileErrorLog CompileErrors;
  Preprocessor *Attached = nullptr;
  ASTContext *CurrentContext = nullptr;
  /// Whether the current TU's acquiring wrappers are in the catalog.
  bool AcquirersInferred = false;
  std::optional<HandleHolders> Holders;
  /// The current TU's CFGs, shared by the check and the summaries.
  std::optional<SharedGraphs> Graphs;
  /// Options.RunAgainFunctions, ready to match (checked valid by the check).
  RunAgainNames RunAgainMatcher;
  /// Builds Holders the first time an analysis needs it (policies refer
  /// to it, so it lives as long as the session).
  std::function<const HandleHolders *()> HoldersOnDemand;
  /// Whether the summary index knows a function (TrackingPolicy).
  std::function<bool(const FunctionDecl *)> SummarizedElsewhere;
  /// An out-argument's question, while recording (TrackingPolicy::NoteAsk).
  void noteAsk(const FunctionDecl *F, int Param);
  std::function<void(const FunctionDecl *, int)> NoteAsk =
      [this](const FunctionDecl *F, int Param) { noteAsk(F, Param); };
  /// The same question from AcquisitionReach.
  bool reachSummarizedElsewhere(const FunctionDecl *F);
  std::function<bool(const FunctionDecl *)> ReachSummarizedElsewhere =
      [this](const FunctionDecl *F) { return reachSummarizedElsewhere(F); };
  /// Whether a function's summary says what it does through its pointer
  /// parameter N (TrackingPolicy).
  std::function<bool(const FunctionDecl *, unsigned)> SummarizesPointee =
      [this](const FunctionDecl *F, unsigned Param) {
        const FunctionSummary *Summary =
            Summaries ? Summaries->summaryOf(F) : nullptr;
        return Summary && !Summary->Untrusted &&
               Summary->summarizesPointee(Param);
      };
  /// Which functions can make a handle, for the current TU (built once
  /// its acquirers are known).
  std::optional<AcquisitionReach> Reach;
  std::function<bool(const FunctionDecl *, unsigned)> MayFill =
      [this](const FunctionDecl *F, unsigned Param) {
        return !Reach || Reach->mayFill(F, Param);
      };
  std::optional<SummaryCache> Summaries;
  std::shared_ptr<const SummaryIndex> Index;
  /// The TU's shard, while writing one.
  std::optional<SummaryIndex> Shard;
  /// The functions already added to it (two checks see each function).
  llvm::DenseSet<const FunctionDecl *> InShard;
  /// What the check asked about functions of other files, while checking
  /// and indexing with no index to answer.
  ShardWants Wants;
  bool recordsWants() const { return Options.CheckWhileIndexing && !Index; }
  /// Sets up what every analysis of the TU in \p Ctx uses: the inferred
  /// acquirers, the summary cache; returns the tracking policy.
  TrackingPolicy prepare(ASTContext &Ctx);
  void writeShard();
  /// The last function analysed, and its result (the checks' callbacks for
  /// one function come one after the other).
  const FunctionDecl *LastFunction = nullptr;
  const BlockDecl *LastBlock = nullptr;
  std::unique_ptr<FunctionAnalysis> LastAnalysis;
  HandleFlowAnalysis::Skipped LastSkipped = HandleFlowAnalysis::Skipped::No;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_ANALYSISSESSION_H
