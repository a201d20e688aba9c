//===--- AcquirerInference.h - resource-tidy ------------------------------===//
//
// Servers rarely call socket() where they keep the descriptor: they call
// their own `net_socket()`, `open_log()` or `connect_to(host)`, which
// returns a fresh handle or a failure value. Such a wrapper, defined in the
// translation unit, is an acquisition for its callers, like the function it
// wraps. A function is one when every `return` gives either an acquisition
// (a catalog function or another wrapper), an invalid value (-1, NULL), or
// a variable that holds, on every path reaching that return, a handle this
// function opened (or a failure value) and that nothing else kept. Found
// wrappers are registered in the catalog for the current translation unit;
// wrappers of wrappers are found in later rounds.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_ACQUIRERINFERENCE_H
#define RESOURCE_TIDY_ACQUIRERINFERENCE_H

#include "catalog/HandleFamilies.h"
#include "engine/HandleFlow.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::resource {

/// Registers in \p Catalog every function of \p Ctx's traversal scope that
/// returns a fresh handle; functions \p IsDamaged accepts are skipped.
/// Returns how many were found.
unsigned
inferAcquirers(ASTContext &Ctx, HandleCatalog &Catalog, FlowLimits Limits,
               llvm::function_ref<bool(const FunctionDecl *)> IsDamaged);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_ACQUIRERINFERENCE_H
