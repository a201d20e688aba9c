//===--- IndexedSummaries.h - resource-tidy -------------------------------===//
//
// Between the summary index (SummaryIndex.h, names and USRs) and one
// translation unit's AST: the entry of a function defined here, the summary
// of a function defined elsewhere (its fields and globals found by name),
// and the acquiring functions of other files registered in the catalog.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_INDEXEDSUMMARIES_H
#define RESOURCE_TIDY_INDEXEDSUMMARIES_H

#include "engine/SummaryIndex.h"

namespace clang {
class ASTContext;
class Decl;
class SourceManager;
} // namespace clang

namespace clang::tidy::resource {

class HandleCatalog;
struct FunctionRole;

/// The USR of \p D, or nullopt when it has none.
std::optional<std::string> usrOf(const Decl *D);

/// The index entry of \p Function (defined in this TU), from its summary
/// \p Summary and its catalog role \p Role (either may be null); nullopt
/// when there is nothing a caller could use.
std::optional<IndexedFunction> indexEntryOf(const FunctionDecl &Function,
                                            const FunctionSummary *Summary,
                                            const FunctionRole *Role,
                                            const SourceManager &SM);

/// \p Callee's summary for this TU from \p Index (fields and globals found
/// by name), or null when the index knows nothing useful about it.
std::unique_ptr<FunctionSummary> summaryFromIndex(const SummaryIndex &Index,
                                                  const FunctionDecl &Callee,
                                                  ASTContext &Ctx);

/// Registers in \p Catalog the functions declared (not defined) in \p Ctx
/// that the index knows return a fresh handle; returns how many.
unsigned learnIndexedAcquirers(const SummaryIndex &Index, ASTContext &Ctx,
                               HandleCatalog &Catalog);

/// The name an index would know \p F by, when no index answers and what it
/// would have been asked is recorded (ShardWants); empty when no index
/// could know it (no identifier, declared in a system header).
llvm::StringRef askableName(const FunctionDecl &F);

/// Adds to \p Names the unqualified names of the functions declared (not
/// defined) and used in \p Ctx that learnIndexedAcquirers would look up.
void noteAcquirerCandidates(ASTContext &Ctx, const HandleCatalog &Catalog,
                            llvm::StringSet<> &Names);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_INDEXEDSUMMARIES_H
