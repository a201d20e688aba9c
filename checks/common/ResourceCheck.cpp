//===--- ResourceCheck.cpp - resource-tidy --------------------------------===//

#include "common/ResourceCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include <cstdlib>

using namespace clang::ast_matchers;

namespace clang::tidy::resource {

namespace {

constexpr unsigned DefaultMaxAnalysisCost = 2'000'000;

/// Options.get<bool> is not exported by clang-tidy: parse it here.
std::optional<bool> parseBool(StringRef Value) {
  if (Value.equals_insensitive("true") || Value == "1")
    return true;
  if (Value.equals_insensitive("false") || Value == "0")
    return false;
  return std::nullopt;
}

} // namespace

ResourceCheck::ResourceCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  SessionOptions Shared;
  CatalogOptions Defaults;
  CatalogOptions &Config = Shared.Catalog;
  auto Read = [&](StringRef Option, const std::string &Default) {
    return Options.getLocalOrGlobal(Option, Default).str();
  };
  Config.BuiltinFamilies = Read("BuiltinFamilies", Defaults.BuiltinFamilies);
  Config.Families = Read("Families", Defaults.Families);
  Config.HeldHandles = Read("HeldHandles", Defaults.HeldHandles);
  Config.UseFunctions = Read("UseFunctions", Defaults.UseFunctions);
  Config.SinkFunctions = Read("SinkFunctions", Defaults.SinkFunctions);
  Config.ReleaseMethods = Read("ReleaseMethods", Defaults.ReleaseMethods);
  Config.DeferredDeleteMethods =
      Read("DeferredDeleteMethods", Defaults.DeferredDeleteMethods);
  Config.ConnectionClasses =
      Read("ConnectionClasses", Defaults.ConnectionClasses);
  Config.ValueHandleClasses =
      Read("ValueHandleClasses", Defaults.ValueHandleClasses);
  Config.NoReturnFunctions =
      Read("NoReturnFunctions", Defaults.NoReturnFunctions);
  Shared.Limits.MaxStatementsTimesVariables =
      Options.getLocalOrGlobal("MaxAnalysisCost", DefaultMaxAnalysisCost);

  auto ReadBool = [&](StringRef Option, bool Default) {
    std::string Value = Read(Option, Default ? "true" : "false");
    std::optional<bool> Parsed = parseBool(Value);
    if (!Parsed)
      configurationDiag("invalid configuration value '%0' for option "
                        "'%1.%2'; expected a bool")
          << Value << Name << Option;
    return Parsed.value_or(Default);
  };
  Config.SharedPointerConnections = ReadBool("SharedPointerConnections", false);
  ReportSkippedFunctions = ReadBool("ReportSkippedFunctions", false);

  std::string Persistent = Read("PersistentStorage", "all");
  if (Persistent == "fields")
    Shared.Persistent = PersistentStorageMode::Fields;
  else if (Persistent == "none")
    Shared.Persistent = PersistentStorageMode::None;
  else if (Persistent != "all")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.PersistentStorage'; expected 'all', 'fields' or "
                      "'none'")
        << Persistent << Name;

  Shared.RunAgainFunctions =
      Read("RunAgainFunctions", SessionOptions::DefaultRunAgainFunctions);
  if (std::string Error;
      !llvm::Regex(Shared.RunAgainFunctions).isValid(Error)) {
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.RunAgainFunctions': %2; the default is used")
        << Shared.RunAgainFunctions << Name << Error;
    Shared.RunAgainFunctions = SessionOptions::DefaultRunAgainFunctions;
  }

  // The summary index of the project (SummaryIndex.h); `resource-tidy -p`
  // names it through the environment, so .clang-tidy files stay as they are.
  const char *IndexFromEnvironment = std::getenv("RESOURCE_TIDY_SUMMARY_INDEX");
  Shared.SummaryIndexPath =
      Read("SummaryIndex", IndexFromEnvironment ? IndexFromEnvironment : "");
  if (const char *Shards = std::getenv("RESOURCE_TIDY_SUMMARY_SHARDS")) {
    Shared.SummaryShardDir = Shards;
    const char *Check = std::getenv("RESOURCE_TIDY_CHECK_WHILE_INDEXING");
    Shared.CheckWhileIndexing = Check && llvm::StringRef(Check) == "1";
  }

  Session = AnalysisSession::get(
      Context, Shared,
      [&](StringRef Option, StringRef Entry, StringRef Reason) {
        configurationDiag("invalid entry '%0' in option '%1.%2': %3; the "
                          "entry is ignored")
            << Entry << Name << Option << Reason;
      });
  if (!Shared.SummaryIndexPath.empty()) {
    llvm::Expected<std::shared_ptr<const SummaryIndex>> Index =
        SummaryIndex::load(Shared.SummaryIndexPath);
    if (Index)
      Session->useIndex(std::move(*Index));
    else
      configurationDiag("cannot read the summary index '%0' (option "
                        "'%1.SummaryIndex'): %2; functions of other files "
                        "stay unknown")
          << Shared.SummaryIndexPath << Name << toString(Index.takeError());
  }
}

void ResourceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  const SessionOptions &Shared = Session->options();
  const CatalogOptions &Config = Shared.Catalog;
  Options.store(Opts, "MaxAnalysisCost",
                Shared.Limits.MaxStatementsTimesVariables);
  Options.store(Opts, "ReportSkippedFunctions",
                ReportSkippedFunctions ? "true" : "false");
  Options.store(Opts, "PersistentStorage",
                Shared.Persistent == PersistentStorageMode::All      ? "all"
                : Shared.Persistent == PersistentStorageMode::Fields ? "fields"
                                                                     : "none");
  Options.store(Opts, "RunAgainFunctions", Shared.RunAgainFunctions);
  Options.store(Opts, "SummaryIndex", Shared.SummaryIndexPath);
  Options.store(Opts, "BuiltinFamilies", Config.BuiltinFamilies);
  Options.store(Opts, "Families", Config.Families);
  Options.store(Opts, "HeldHandles", Config.HeldHandles);
  Options.store(Opts, "UseFunctions", Config.UseFunctions);
  Options.store(Opts, "SinkFunctions", Config.SinkFunctions);
  Options.store(Opts, "ReleaseMethods", Config.ReleaseMethods);
  Options.store(Opts, "DeferredDeleteMethods", Config.DeferredDeleteMethods);
  Options.store(Opts, "ConnectionClasses", Config.ConnectionClasses);
  Options.store(Opts, "ValueHandleClasses", Config.ValueHandleClasses);
  Options.store(Opts, "NoReturnFunctions", Config.NoReturnFunctions);
  Options.store(Opts, "SharedPointerConnections",
                Config.SharedPointerConnections ? "true" : "false");
}

void ResourceCheck::registerMatchers(MatchFinder *Finder) {
  // Every function definition outside system headers. Whether it is worth
  // a CFG is decided by the engine's pre-pass (TrackedStorage), one tight
  // walk of the body: cheaper than a hasDescendant matcher, and needs no
  // parent map, which is costly on large translation units.
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  // A block literal's body is code of its own, run whenever the block is
  // called (Clang's blocks extension).
  Finder->addMatcher(
      blockExpr(unless(isExpansionInSystemHeader())).bind("block"), this);
}

void ResourceCheck::registerPPCallbacks(const SourceManager &SM,
                                        Preprocessor *PP,
                                        Preprocessor *ModuleExpanderPP) {
  Session->attachTo(*PP);
}

void ResourceCheck::onStartOfTranslationUnit() {
  Analysed.clear();
  Session->startTranslationUnit();
  startTranslationUnit();
}

void ResourceCheck::onEndOfTranslationUnit() { Session->endTranslationUnit(); }

/// The storage the value of \p Value is first stored into: the variable it
/// initializes or the left side of the assignment it is the right side of.
static std::optional<StorageKey> firstStorage(const Expr &Value,
                                              const ParentMap &Parents,
                                              const ASTContext &Ctx) {
  // ParentMap takes non-const statements; nothing is changed through them.
  Stmt *Parent =
      Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(&Value));
  while (isa_and_nonnull<FullExpr, MaterializeTemporaryExpr, CastExpr>(Parent))
    Parent = Parents.getParentIgnoreParenImpCasts(Parent);
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parent);
      Assign && Assign->getOpcode() == BO_Assign)
    return storageOf(Assign->getLHS(), Ctx);
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent))
    if (Decl->isSingleDecl())
      if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl()))
        return StorageKey{Var, -1};
  return std::nullopt;
}

void ResourceCheck::noteOpened(llvm::StringRef Handle, const Expr &AcquiredAt,
                               bool InEarlierIteration,
                               const ParentMap &Parents,
                               const ASTContext &Ctx) {
  std::optional<StorageKey> First = firstStorage(AcquiredAt, Parents, Ctx);
  std::string FirstName = First ? First->spelling() : std::string();
  bool Elsewhere = !FirstName.empty() && FirstName != Handle;
  diag(AcquiredAt.getBeginLoc(),
       "'%0' was opened here%select{| in a previous loop iteration}1"
       "%select{|, as '%3'}2",
       DiagnosticIDs::Note)
      << Handle << InEarlierIteration << Elsewhere << FirstName;
}

void ResourceCheck::notePath(llvm::StringRef Handle, const Expr *ReleasedAt,
                             const SkippedRelease &Skipped) {
  if (ReleasedAt)
    diag(ReleasedAt->getBeginLoc(),
         "'%0' is closed here on some paths, but not on all",
         DiagnosticIDs::Note)
        << Handle;
  if (Skipped.Condition)
    diag(Skipped.Condition->getBeginLoc(),
         "'%0' stays open when this condition is %select{false|true}1",
         DiagnosticIDs::Note)
        << Handle << Skipped.WhenTrue;
}

/// The function whose body contains \p Block, through enclosing blocks.
static const FunctionDecl *enclosingFunction(const BlockDecl &Block) {
  for (const DeclContext *Context = Block.getParent(); Context;
       Context = Context->getParent())
    if (const auto *Function = dyn_cast<FunctionDecl>(Context))
      return Function;
  return nullptr;
}

/// True when \p Block is handed straight to a one-time runner
/// (`dispatch_once(&once, ^{ ... })`, any callee named `*_once`).
static bool runsOnce(const BlockExpr &Block, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Block);
  // Through the implicit conversions and parentheses around the argument.
  while (Parents.size() == 1 &&
         (Parents[0].get<ImplicitCastExpr>() || Parents[0].get<ParenExpr>()))
    Parents = Ctx.getParents(Parents[0]);
  const auto *Call = Parents.size() == 1 ? Parents[0].get<CallExpr>() : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() &&
         Callee->getName().ends_with("_once");
}

void ResourceCheck::checkBlock(const BlockExpr &Block,
                               const MatchFinder::MatchResult &Result) {
  const BlockDecl &Decl = *Block.getBlockDecl();
  const FunctionDecl *Function = enclosingFunction(Decl);
  if (!Function || !Decl.getBody() || Function->isDependentContext() ||
      Function->isInvalidDecl() || Session->onlyIndexes())
    return;
  if (const FunctionAnalysis *Analysis =
          Session->analyze(*Function, *Result.Context, nullptr, &Decl,
                           runsOnce(Block, *Result.Context)))
    checkFunction(*Analysis, *Result.Context);
}

void ResourceCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Block = Result.Nodes.getNodeAs<BlockExpr>("block")) {
    checkBlock(*Block, Result);
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!Function || !Analysed.insert(Function).second)
    return;
  // Dependent code is analysed through its instantiations instead.
  if (Function->isDependentContext() || Function->isInvalidDecl())
    return;
  // Compiler-written members (an aggregate's implicit or defaulted copy
  // assignment) have no code the user could fix.
  if (Function->isImplicit() || Function->isDefaulted())
    return;
  if (Result.SourceManager->isInSystemHeader(Function->getLocation()) ||
      !Function->getBody())
    return;

  if (Session->writesShard()) {
    Session->summarizeForShard(*Function, *Result.Context);
    if (Session->onlyIndexes())
      return;
  }
  HandleFlowAnalysis::Skipped WhySkipped = HandleFlowAnalysis::Skipped::No;
  const FunctionAnalysis *Analysis =
      Session->analyze(*Function, *Result.Context, &WhySkipped);
  if (ReportSkippedFunctions && WhySkipped != HandleFlowAnalysis::Skipped::No)
    diag(Function->getLocation(),
         "function %0 was not analysed: %select{it is larger than "
         "MaxAnalysisCost allows|its body contains errors}1")
        << Function
        << (WhySkipped == HandleFlowAnalysis::Skipped::HasErrors ? 1 : 0);
  if (Analysis)
    checkFunction(*Analysis, *Result.Context);
}

} // namespace clang::tidy::resource
