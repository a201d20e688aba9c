//===--- CompileErrors.cpp - resource-tidy --------------------------------===//

#include "engine/CompileErrors.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::resource {

/// Sits in front of the engine's consumer: notes each error's location and
/// passes every call on unchanged, so the host (clang-tidy, clangd) sees
/// exactly what it would without us.
class CompileErrorLog::ForwardingRecorder : public DiagnosticConsumer {
public:
  ForwardingRecorder(DiagnosticConsumer &Target,
                     std::unique_ptr<DiagnosticConsumer> OwnedTarget)
      : Target(Target), OwnedTarget(std::move(OwnedTarget)) {}

  void BeginSourceFile(const LangOptions &LangOpts,
                       const Preprocessor *PP) override {
    Target.BeginSourceFile(LangOpts, PP);
  }
  void EndSourceFile() override { Target.EndSourceFile(); }
  void finish() override { Target.finish(); }
  void clear() override {
    DiagnosticConsumer::clear();
    Target.clear();
  }
  bool IncludeInDiagnosticCounts() const override {
    return Target.IncludeInDiagnosticCounts();
  }
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    record(Level, Info);
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    Target.HandleDiagnostic(Level, Info);
  }

  DiagnosticConsumer &Target;
  /// The engine's consumer, when the engine owned it.
  std::unique_ptr<DiagnosticConsumer> OwnedTarget;
  CompileErrorSites Sites;

private:
  void record(DiagnosticsEngine::Level Level, const Diagnostic &Info) {
    if (Level < DiagnosticsEngine::Error)
      return;
    // A warning turned into an error (-Werror) leaves the AST intact.
    if (Level == DiagnosticsEngine::Error &&
        !Info.getDiags()->getDiagnosticIDs()->isDefaultMappingAsError(
            Info.getID()))
      return;
    SourceLocation Loc = Info.getLocation();
    if (Loc.isInvalid() || !Info.hasSourceManager())
      return; // Command-line trouble: no code to distrust.
    Loc = Info.getSourceManager().getFileLoc(Loc);
    Sites.Errors.push_back(Loc);
    if (Level == DiagnosticsEngine::Fatal && Sites.FirstFatal.isInvalid())
      Sites.FirstFatal = Loc;
  }
};

CompileErrorLog::CompileErrorLog() = default;

CompileErrorLog::~CompileErrorLog() { detach(); }

void CompileErrorLog::attach(DiagnosticsEngine &Diags) {
  detach();
  Kept = CompileErrorSites();
  SortedErrors = 0;
  Detached = false;
  DiagnosticConsumer *Current = Diags.getClient();
  if (!Current)
    return;
  std::unique_ptr<DiagnosticConsumer> Owned = Diags.takeClient();
  Active = std::make_unique<ForwardingRecorder>(*Current, std::move(Owned));
  Diags.setClient(Active.get(), /*ShouldOwnClient=*/false);
  Engine = &Diags;
}

void CompileErrorLog::detach() {
  if (!Active)
    return;
  Kept = std::move(Active->Sites);
  Detached = true;
  if (Engine->getClient() == Active.get()) {
    if (Active->OwnedTarget)
      Engine->setClient(Active->OwnedTarget.release(),
                        /*ShouldOwnClient=*/true);
    else
      Engine->setClient(&Active->Target, /*ShouldOwnClient=*/false);
    Active.reset();
  } else {
    // Someone put their own consumer in front of ours and may still call
    // it: keep it alive (it only forwards from now on).
    Active.release();
  }
  Engine = nullptr;
}

CompileErrorSites &CompileErrorLog::sites() {
  return Active ? Active->Sites : Kept;
}

bool CompileErrorLog::touches(SourceRange Range, const SourceManager &SM) {
  if (!isRecording())
    return SM.getDiagnostics().hasUncompilableErrorOccurred();
  CompileErrorSites &Sites = sites();
  SourceLocation Begin = SM.getFileLoc(Range.getBegin());
  SourceLocation End = SM.getFileLoc(Range.getEnd());
  auto Before = [&SM](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  if (Sites.FirstFatal.isValid() && Before(Sites.FirstFatal, Begin))
    return true;
  if (Sites.Errors.empty())
    return false;
  if (SortedErrors != Sites.Errors.size()) {
    llvm::sort(Sites.Errors, Before);
    SortedErrors = Sites.Errors.size();
  }
  // The first error not before the function must not be inside it.
  auto First = llvm::partition_point(
      Sites.Errors, [&](SourceLocation Error) { return Before(Error, Begin); });
  return First != Sites.Errors.end() && !Before(End, *First);
}

} // namespace clang::tidy::resource
