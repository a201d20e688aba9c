//===--- HandleHolders.cpp - resource-tidy --------------------------------===//

#include "engine/HandleHolders.h"
#include "engine/HolderScanner.h"
#include <memory>

namespace clang::tidy::resource {

HandleHolders
HandleHolders::collect(ASTContext &Ctx, const HandleCatalog &Catalog,
                       llvm::function_ref<bool(const FunctionDecl *)> IsDamaged,
                       const RunAgainNames *RunAgain,
                       const TrackingTriggers *Triggers) {
  HandleHolders Result;
  // The same walk as FileLocalGlobals' own: one walk does for both.
  std::unique_ptr<FileLocalMentions> Mentions =
      FileLocalMentions::startIfNeeded(Ctx, Catalog);
  std::optional<QuietBodies> Quiet;
  if (Triggers)
    Quiet.emplace(*Triggers, Result.Quiet);
  HolderScanner Scanner(Ctx, Catalog, Result, IsDamaged, RunAgain,
                        Mentions.get(), Quiet ? &*Quiet : nullptr);
  // clangd narrows the scope to the main file's declarations, so that the
  // preamble's are not deserialized; for clang-tidy it is the whole TU.
  for (Decl *D : Ctx.getTraversalScope())
    Scanner.TraverseDecl(D);
  if (Mentions)
    Mentions->finish();
  Result.propagateRepetition();
  return Result;
}

bool HandleHolders::isHolder(const ValueDecl *Identity) const {
  // Ownership evidence only: a pointer of a handle type is often a borrowed
  // alias (`current_base = base`), which owns nothing.
  return Identity && (Acquired.count(Identity) || Released.count(Identity));
}

bool HandleHolders::onlyStoredBy(const ValueDecl *Identity,
                                 const FunctionDecl *Function) const {
  const FunctionDecl *Canonical = Function->getCanonicalDecl();
  if (Recursive.contains(Canonical))
    return false;
  auto Stores = StoredBy.find(Identity);
  return Stores != StoredBy.end() && !Stores->second.empty() &&
         llvm::all_of(Stores->second, [&](const FunctionDecl *Writer) {
           return Writer == Canonical;
         });
}

const FunctionRole *HandleHolders::roleOf(const ValueDecl *Identity) const {
  auto It = Acquired.find(Identity);
  return It == Acquired.end() ? nullptr : It->second;
}

const HandleFamily *
HandleHolders::releasedFamilyOf(const ValueDecl *Identity) const {
  auto It = Released.find(Identity);
  return It == Released.end() ? nullptr : It->second;
}

} // namespace clang::tidy::resource
