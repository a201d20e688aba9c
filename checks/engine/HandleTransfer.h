//===--- HandleTransfer.h - resource-tidy ---------------------------------===//
//
// The transfer function: what one CFG element does to the tracked state.
// Elements arrive in evaluation order with every subexpression present, so
// each statement only inspects its direct operands: the *consumer* of a
// storage's value decides what happens to the handle (a release call closes
// it, a store makes it escape, a comparison just reads it). Calls are
// applied in CallTransfer.cpp, everything else in HandleTransfer.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLETRANSFER_H
#define RESOURCE_TIDY_HANDLETRANSFER_H

#include "catalog/HandleFamilies.h"
#include "engine/FlowEvents.h"
#include "engine/FunctionSummaries.h"
#include "engine/HandleState.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <functional>

namespace clang::tidy::resource {

struct StorageWrite;

/// The other tracked storages holding the open handle \p Index holds in
/// \p State: copies made in this call (`int copy = fd;`).
llvm::SmallVector<unsigned, 2> aliasesOf(unsigned Index, const FlowState &State,
                                         const TrackedStorage &Tracked);

class HandleTransfer {
public:
  HandleTransfer(const HandleCatalog &Catalog, const TrackedStorage &Tracked,
                 const ASTContext &Ctx, SummaryProvider *Summaries = nullptr)
      : Catalog(Catalog), Tracked(Tracked), Ctx(Ctx), Summaries(Summaries) {}

  /// Applies the effect of \p S to \p State. \p Listener, when given, is
  /// told of every event before it takes effect (a replay).
  void apply(const Stmt *S, FlowState &State,
             FlowListener *Listener = nullptr) const;

  /// Tells the transfer whether a storage may still be read after the
  /// element being applied (the owner's CFG knows): a handle whose every
  /// other name is dead is lost where its last live name is overwritten.
  void setReadLater(std::function<bool(const StorageKey &)> ReadLater) {
    this->ReadLater = std::move(ReadLater);
  }

  /// The state storage has after being assigned \p Value.
  VariableState stateOfAssignedValue(const Expr *Value) const;

private:
  /// apply() once the listener is set up.
  void applyStatement(const Stmt *S, FlowState &State) const;
  void applyAssignment(const BinaryOperator *BO, FlowState &State) const;
  void applyDeclaration(const DeclStmt *DS, FlowState &State) const;
  /// One write the recogniser found (StorageWrites.h).
  void applyWrite(const StorageWrite &Write, FlowState &State) const;
  /// `bufferevent_setfd(bev, fd)`: the object's held handle replaced.
  void applyHold(const StorageWrite &Write, FlowState &State) const;
  /// A write giving storage a new object: the handle the old object held
  /// is no longer what the storage reaches.
  void forgetHeldByWritten(const StorageWrite &Write, FlowState &State) const;
  /// The handle \p Object's object holds, read out (`bufferevent_getfd`):
  /// where it goes is not followed.
  void escapeHeld(const Stmt *Site, const HeldAccess &Access,
                  const Expr *Object, FlowState &State) const;
  /// `v.push_back(f)`: the container becomes one more name of f's handle
  /// (HandleContainers.h).
  void applyInsertion(const StorageWrite &Insert, FlowState &State) const;
  /// `T Var = Init;` (Init not null), parts of aggregates included.
  void applyInitialization(const VarDecl *Var, const Expr *Init,
                           FlowState &State) const;
  void applyCall(const CallExpr *Call, FlowState &State) const;
  /// `Target = NewValue` through operator= or reset() (NewValue may be null
  /// for a plain reset()).
  void applyObjectOverwrite(const CallExpr *Call, const Expr *Target,
                            const Expr *NewValue, FlowState &State) const;

  /// `Whole = NewValue` on a struct or array whose fields or elements are
  /// tracked: each tracked part gets its part of the new value.
  void overwriteParts(const Expr *Site, const StorageKey &Whole,
                      const Expr *NewValue, FlowState &State) const;
  /// Storage \p Index is about to be overwritten: tells the listener, if
  /// any, and when no other name of its handle is read later, retires
  /// those names (the loss is here, not where they go out of scope).
  void noteOverwrite(const Overwrite &What, unsigned Index,
                     FlowState &State) const;

  /// \p StatusVar now holds \p Value: if that is the status of an
  /// out-parameter acquisition, link the handles it wrote to it.
  /// \p Target (a local flag) is written with \p Value (null when not
  /// known): the handles open now are linked to it when \p Value is a
  /// nonzero constant (VariableState::FlagVar), earlier links end.
  void noteFlagWrite(const Expr *Target, const Expr *Value,
                     FlowState &State) const;
  void linkStatus(const VarDecl *StatusVar, const Expr *Value,
                  FlowState &State) const;
  /// Adds to \p Indexes the other names (copies) of the handles they hold:
  /// closing or handing over one name does so for all.
  void addAliases(llvm::SmallVectorImpl<unsigned> &Indexes,
                  const FlowState &State) const;
  /// `Target = Value` (\p Site, or an initialization when null) where
  /// Target is a tracked copy and Value reads tracked storage holding a
  /// handle opened here: Target becomes a second name. False otherwise.
  bool applyCopy(const Expr *Site, const StorageKey &Target, const Expr *Value,
                 FlowState &State) const;
  /// Indexes of the tracked storage whose value \p E may yield.
  llvm::SmallVector<unsigned, 2> sourcesOf(const Expr *E) const;
  /// True when \p Arg is `&x` left for a callee's summary to decide
  /// (TrackedStorage::isSummarizedArgument) and x, or a field of it, is
  /// tracked: only then can the summary change what is known.
  bool reachesTrackedThroughAddress(const Expr *Arg) const;
  /// Marks every tracked storage whose value \p E may yield as escaped,
  /// except \p Keep.
  void escapeSources(const Expr *E, FlowState &State,
                     std::optional<StorageKey> Keep = std::nullopt) const;
  /// Marks storage \p Index, and every other name of its handle, as
  /// escaped at \p Site.
  void escapeWithNames(const Stmt *Site, unsigned Index,
                       FlowState &State) const;
  /// Marks every tracked storage whose value \p E may yield as released.
  void releaseSources(const Expr *E, FlowState &State, const Expr *Site) const;
  /// Sets every tracked storage whose value \p E may yield to Unknown.
  void forgetSources(const Expr *E, FlowState &State) const;

  /// \p Arg passed to a parameter of a summarized function of this TU.
  /// A method called on an object: the handles its fields' library objects
  /// hold may be read out or replaced.
  void escapeHeldOfObject(const CXXMemberCallExpr *Call,
                          FlowState &State) const;
  /// \p Arg given to a function of this translation unit: the handles the
  /// objects it reaches hold, unless the function only reads (its summary
  /// does not say what it does to them).
  void escapeHeldPassedTo(const CallExpr *Call, const Expr *Arg,
                          FlowState &State) const;
  void applyParameterSummary(const CallExpr *Call, const Expr *Arg,
                             unsigned Param, const FunctionSummary &Summary,
                             FlowState &State) const;
  /// A callee stores a fresh handle (acquired at \p AcquiredAt) into
  /// tracked storage \p Index: an out-parameter, a lambda's capture.
  void storeFreshHandle(const Overwrite &What, unsigned Index,
                        const ParameterSummary &Effect, const Expr *AcquiredAt,
                        FlowState &State) const;
  /// What a callee does, by \p Effect, to the caller's storage \p Index it
  /// reaches by reference (`&f` given to a pointer parameter, a lambda's
  /// capture); \p Site names it in the call.
  void applyToPointee(const CallExpr *Call, const Expr *Site, unsigned Index,
                      const ParameterSummary &Effect, FlowState &State) const;
  /// \p Arg is this function's pointer parameter whose pointee it tracks
  /// (`net_nonblock(sock)` for `int *sock`): what the callee's \p Summary
  /// says it does there, or an escape.
  void applyToPassedPointer(const CallExpr *Call, const Expr *Arg,
                            unsigned Param, const FunctionSummary *Summary,
                            FlowState &State) const;
  /// A call of a local closure: its summary applied to its by-reference
  /// captures.
  void applyClosureCall(const CallExpr *Call, const LambdaExpr &Lambda,
                        FlowState &State) const;
  /// The function a call through a local function pointer always reaches,
  /// or null.
  const FunctionDecl *calledThroughLocal(const CallExpr *Call) const;
  /// The method a virtual call certainly runs, when the object is a local
  /// pointer or reference set once to a new object of a known class
  /// (`Base *b = new Derived;`, `const Base &b = Derived();`).
  const CXXMethodDecl *knownTarget(const CXXMemberCallExpr *Call) const;
  /// `obj.helper()` with a summary: the fields it releases are released.
  void applySummary(const CXXMemberCallExpr *Call, FlowState &State) const;

  const HandleCatalog &Catalog;
  const TrackedStorage &Tracked;
  const ASTContext &Ctx;
  SummaryProvider *Summaries;
  std::function<bool(const StorageKey &)> ReadLater;
  /// The listener and statement of the apply() under way.
  mutable FlowListener *Listener = nullptr;
  mutable const Stmt *Current = nullptr;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLETRANSFER_H
