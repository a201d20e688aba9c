//===--- FunctionSummaries.h - resource-tidy ------------------------------===//
//
// Releases through helpers: `disconnect(); fd_ = socket(...);` must not be
// reported when disconnect(), defined in the same translation unit, closes
// fd_. A summary says which fields of `*this` a method releases, on every
// path or on some. It is computed by running the same flow analysis on the
// method (with its fields starting as Inherited) and reading the state at
// its exit; summaries are cached per translation unit and nest only a few
// levels deep, so recursion and long call chains stay cheap.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_FUNCTIONSUMMARIES_H
#define RESOURCE_TIDY_FUNCTIONSUMMARIES_H

#include "catalog/HandleFamilies.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::resource {

/// What calling a method does to the fields of the object it is called on.
struct FunctionSummary {
  /// Fields released on every path through the method.
  llvm::SmallVector<const FieldDecl *, 2> AlwaysReleased;
  /// Fields released on some paths only.
  llvm::SmallVector<const FieldDecl *, 2> SometimesReleased;
  /// The method has compile errors: it may have released or handed over
  /// any field, so its callers stop tracking the object's fields.
  bool Untrusted = false;
};

/// Gives summaries of methods to the transfer function.
class SummaryProvider {
public:
  virtual ~SummaryProvider() = default;
  /// The summary of \p Method, or null when it has none (not defined here,
  /// too deep, recursive, or it releases nothing).
  virtual const FunctionSummary *summaryOf(const FunctionDecl *Method) = 0;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_FUNCTIONSUMMARIES_H
