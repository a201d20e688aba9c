//===--- FunctionSummaries.cpp - resource-tidy ----------------------------===//

#include "engine/FunctionSummaries.h"
#include "engine/HandleFlow.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::resource {

const FunctionSummary *MethodSummaries::summaryOf(const FunctionDecl *Method) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Method);
  if (!MD || MD->isStatic())
    return nullptr;
  const FunctionDecl *Definition = MD->getDefinition();
  if (!Definition || !Definition->getBody() ||
      Definition->isDependentContext() ||
      Ctx.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  auto Cached = Cache.find(Definition);
  if (Cached != Cache.end())
    return Cached->second.get();
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
  SummaryPolicy.TrackReleasedFields = true;
  HandleFlowAnalysis Analysis(Catalog, Ctx, Limits, SummaryPolicy, this);
  std::optional<FunctionSummary> Summary =
      Analysis.summarize(Definition, Definition->getBody());
  InProgress.erase(Definition);

  std::unique_ptr<FunctionSummary> &Slot = Cache[Definition];
  if (Summary &&
      (!Summary->AlwaysReleased.empty() || !Summary->SometimesReleased.empty()))
    Slot = std::make_unique<FunctionSummary>(std::move(*Summary));
  return Slot.get();
}

} // namespace clang::tidy::resource
