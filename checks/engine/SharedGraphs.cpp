//===--- SharedGraphs.cpp - resource-tidy ---------------------------------===//

#include "engine/SharedGraphs.h"

namespace clang::tidy::resource {

CFG::BuildOptions SharedGraphs::options(bool ScopeEnds, bool ExceptionEdges) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddLifetime = ScopeEnds;
  Options.AddEHEdges = ExceptionEdges;
  return Options;
}

std::shared_ptr<const CFG> SharedGraphs::get(const Decl *Owner,
                                             const Stmt *Body,
                                             bool ExceptionEdges,
                                             ASTContext &Ctx) {
  Key K{Body, ExceptionEdges};
  if (auto Found = Graphs.find(K); Found != Graphs.end())
    return Found->second;
  CFG::BuildOptions Options = options(ScopeEnds, ExceptionEdges);
  std::shared_ptr<const CFG> Graph =
      CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Graph)
    return nullptr;
  // A graph larger than the bound is used once and not kept.
  if (Graph->getNumBlockIDs() > MaxBlocks)
    return Graph;
  while (Blocks + Graph->getNumBlockIDs() > MaxBlocks && !Order.empty()) {
    auto Oldest = Graphs.find(Order.front());
    Blocks -= Oldest->second->getNumBlockIDs();
    Graphs.erase(Oldest);
    Order.pop_front();
  }
  Blocks += Graph->getNumBlockIDs();
  Graphs[K] = Graph;
  Order.push_back(K);
  return Graph;
}

} // namespace clang::tidy::resource
