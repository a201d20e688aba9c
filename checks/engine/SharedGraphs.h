//===--- SharedGraphs.h - resource-tidy -----------------------------------===//
//
// The CFGs of one translation unit's functions, built once for every
// analysis that needs the same one. A function is often both checked and
// summarized (a helper with a handle of its own, to which its caller passes
// another), and its CFG is the costliest part of either: curl's examples
// expand each `curl_easy_setopt` into hundreds of branches. The graphs keep
// scope ends when the session's rules need them; an analysis that does not
// ignores them (FunctionAnalysis). The oldest graphs are dropped first once
// the blocks kept pass a bound.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_SHAREDGRAPHS_H
#define RESOURCE_TIDY_SHAREDGRAPHS_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>
#include <memory>
#include <utility>

namespace clang::tidy::resource {

class SharedGraphs {
public:
  /// \p ScopeEnds: every graph carries its locals' scope ends.
  explicit SharedGraphs(bool ScopeEnds, unsigned MaxBlocks = 20000)
      : ScopeEnds(ScopeEnds), MaxBlocks(MaxBlocks) {}

  bool hasScopeEnds() const { return ScopeEnds; }

  /// The CFG of \p Body, the body of \p Owner (a function or a block
  /// literal), with exception edges when \p ExceptionEdges; built on first
  /// request. Null when clang cannot build one.
  std::shared_ptr<const CFG> get(const Decl *Owner, const Stmt *Body,
                                 bool ExceptionEdges, ASTContext &Ctx);

  /// The options every analysis builds its CFG with.
  static CFG::BuildOptions options(bool ScopeEnds, bool ExceptionEdges);

private:
  /// The body, and whether its graph has exception edges (0 or 1).
  using Key = std::pair<const Stmt *, unsigned>;

  bool ScopeEnds;
  unsigned MaxBlocks;
  unsigned Blocks = 0;
  llvm::DenseMap<Key, std::shared_ptr<const CFG>> Graphs;
  /// Keys in the order their graphs were built, oldest first.
  std::deque<Key> Order;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_SHAREDGRAPHS_H
