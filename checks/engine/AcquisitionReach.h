//===--- AcquisitionReach.h - resource-tidy -------------------------------===//
//
// `read_reply(c, &len)`: a local whose address goes to a function with a
// body is tracked in case that function stores a fresh handle into it (its
// summary says `Acquires`). Most such locals are lengths and flags, and
// asking for the summary analyses the callee and everything it calls. A
// function can store a fresh handle only if one is made somewhere below
// it: it, or a function it calls or names, calls an acquisition (a catalog
// or learned acquirer, a connection class's constructor), or calls a
// function summarized in another file; and it can store it through a
// parameter only if it writes a non-constant there, hands the parameter
// (or `&*p`) on to a function that may, or uses it in a way not known to
// be harmless. These are walks of bodies, without a CFG, memoized per
// translation unit; when they say no, the summary could not have said
// `Acquires`.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_ACQUISITIONREACH_H
#define RESOURCE_TIDY_ACQUISITIONREACH_H

#include "catalog/HandleFamilies.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::resource {

class AcquisitionReach {
public:
  /// \p SummarizedElsewhere, when set, tells whether a function without a
  /// body here has an entry in the summary index.
  AcquisitionReach(
      const HandleCatalog &Catalog, const SourceManager &SM,
      llvm::function_ref<bool(const FunctionDecl *)> SummarizedElsewhere)
      : Catalog(Catalog), SM(SM), SummarizedElsewhere(SummarizedElsewhere) {}

  /// False when no call of \p Function can make a handle: nothing it
  /// reaches acquires one.
  bool mayAcquire(const FunctionDecl *Function);

  /// False when \p Function cannot store a fresh handle where its
  /// parameter \p Param points (or, for a reference, refers): it makes
  /// none, or it only reads it, tests it, stores constants there
  /// (`*done = 1`) and passes it to functions that cannot either.
  bool mayFill(const FunctionDecl *Function, unsigned Param);

private:
  /// What one body does directly: acquires, or the functions it calls or
  /// names (null for a call whose target is unknown).
  struct BodyFacts {
    bool Acquires = false;
    llvm::SmallVector<const FunctionDecl *, 8> Reached;
  };
  const BodyFacts &factsOf(const FunctionDecl *Definition);
  /// The definition whose body a summary would read, or null when a call
  /// of \p Function cannot yield a summary that acquires; \p Opaque is set
  /// when it may, without a body to read.
  const FunctionDecl *bodyOf(const FunctionDecl *Function, bool &Opaque) const;

  bool mayFillFrom(
      const FunctionDecl *Function, unsigned Param,
      llvm::DenseSet<std::pair<const FunctionDecl *, unsigned>> &Visiting);

  const HandleCatalog &Catalog;
  const SourceManager &SM;
  llvm::function_ref<bool(const FunctionDecl *)> SummarizedElsewhere;
  llvm::DenseMap<const FunctionDecl *, BodyFacts> Facts;
  llvm::DenseMap<const FunctionDecl *, bool> Known;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> KnownFills;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_ACQUISITIONREACH_H
