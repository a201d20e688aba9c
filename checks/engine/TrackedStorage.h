//===--- TrackedStorage.h - resource-tidy ---------------------------------===//
//
// What the analysis of one function tracks: a dense set of storage keys
// (StorageKey.h).
//
// Before paying for a CFG we walk the function body once to find the keys
// worth tracking: those that receive an acquisition somewhere, as the target
// of `=`, as an initialized variable, or through an out-parameter
// (`sqlite3_open(path, &db)`, `pipe(fds)`). A function with none costs
// nothing more. The same walk notices code we must not analyse (expressions
// with errors) and counts statements for the analysis budget.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_TRACKEDSTORAGE_H
#define RESOURCE_TIDY_TRACKEDSTORAGE_H

#include "catalog/HandleFamilies.h"
#include "engine/LocalClosures.h"
#include "engine/StorageKey.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::resource {

class HandleHolders;

/// Which storage that outlives a call is tracked.
enum class PersistentStorageMode {
  All,    ///< Fields, globals, statics, reference and sink parameters.
  Fields, ///< Only fields (of *this or reached through a parameter).
  None,   ///< Only call-local storage.
};

class SharedGraphs;

/// What the pre-pass may track beyond call-local storage.
struct TrackingPolicy {
  /// The TU's CFGs, shared by the analyses that use this policy (and the
  /// summaries they ask for); null: each analysis builds its own.
  SharedGraphs *Graphs = nullptr;
  /// Evidence of which fields and globals hold handles; null: none do.
  const HandleHolders *Holders = nullptr;
  /// When set and Holders is null, called the first time the evidence is
  /// needed (building it walks the whole TU: most functions never need it).
  llvm::function_ref<const HandleHolders *()> GetHolders = nullptr;
  PersistentStorageMode Mode = PersistentStorageMode::All;
  /// Also track fields of `*this` that are released here (to summarize
  /// what a method does for its callers).
  bool TrackReleasedFields = false;
  /// Also track every by-value parameter of a handle type, starting with
  /// the caller's value (to summarize what the function does with it).
  bool TrackParameters = false;
  /// Also track this storage, if trackable (to read its state at a call).
  std::optional<StorageKey> Extra;
  /// Whether a function without a body here has a summary (from the
  /// summary index): `&conn` passed to it is then not an escape by itself.
  llvm::function_ref<bool(const FunctionDecl *)> SummarizedElsewhere = nullptr;
  /// The block literal (`^{ ... }`) whose body is analysed, inside the
  /// function: its own variables are the locals, what it captures is not.
  /// Null when the function's own body is analysed.
  const BlockDecl *Block = nullptr;
  /// Whether a function's summary says what it does with what its pointer
  /// parameter N points to (it then keeps no copy of the pointer): `&f`
  /// passed there does not expose f.
  llvm::function_ref<bool(const FunctionDecl *, unsigned)> SummarizesPointee =
      nullptr;
  /// Whether a function can store a fresh handle through its parameter N
  /// (AcquisitionReach.h): `&len` given to one that cannot is not tracked
  /// for what it may receive. Null: any may.
  llvm::function_ref<bool(const FunctionDecl *, unsigned)> MayFill = nullptr;
  /// For a block: it is handed to a one-time runner (`dispatch_once`).
  bool BlockRunsOnce = false;
  /// Set while checking and indexing with no index (ShardWants): instead of
  /// SummarizedElsewhere for an out-argument (`&len`, a non-const
  /// reference), it is told the question an index would have answered:
  /// about the whole function (Param < 0) when the argument is tracked for
  /// other reasons, else only whether it stores a fresh handle through
  /// parameter Param.
  llvm::function_ref<void(const FunctionDecl *, int Param)> NoteAsk = nullptr;
};

/// The storage one function's analysis tracks, with dense indexes.
class TrackedStorage {
public:
  /// Scans \p Body of \p Function. Lambda and block bodies inside it are
  /// not scanned: they are analysed as functions of their own.
  static TrackedStorage collect(const FunctionDecl *Function, const Stmt *Body,
                                const HandleCatalog &Catalog,
                                const ASTContext &Ctx,
                                const TrackingPolicy &Policy = {});

  /// The function, or the block literal, whose variables are the locals.
  const DeclContext *localContext() const { return LocalContext; }
  /// For a block literal's body: whether it may run more than once.
  bool blockMayRunAgain() const { return BlockMayRunAgain; }

  /// True for a by-value parameter that this function releases somewhere:
  /// it carries the caller's handle in (an owning sink).
  bool isSinkParameter(const VarDecl *Var) const {
    return SinkParameters.count(Var);
  }
  /// True for a by-value parameter tracked for a summary: it starts with
  /// whatever the caller passed.
  bool startsWithCallerValue(const VarDecl *Var) const {
    return CallerValueParameters.contains(Var);
  }
  /// True when \p Key is a local that receives a copy of another tracked
  /// storage's value somewhere (`int copy = fd;`): a second name.
  bool isCopyTarget(const StorageKey &Key) const {
    return CopyTargets.contains(Key);
  }
  /// Whether a global or static variable is tracked.
  bool tracksGlobals() const { return TracksGlobals; }
  /// Whether a handle held inside a library object is tracked.
  bool tracksHeld() const { return TracksHeld; }
  /// Appends the tracked handles held by objects \p Holder reaches: the
  /// object it points to, or, for a variable or field whose own storage
  /// is named, the objects of its fields too (`c` reaches
  /// `bufferevent_getfd(c->bev)`).
  void heldReachedBy(const StorageKey &Holder,
                     llvm::SmallVectorImpl<unsigned> &Out) const;
  /// Whether any tracked storage is a copy of another.
  bool hasCopies() const { return !CopyTargets.empty(); }

  /// To summarize a function: for a local that copies what a pointer
  /// parameter points to (`FILE *data = *dataPtr;`), the index of that
  /// caller storage, whose handle the local then names; -1 otherwise.
  int callerCopySource(unsigned Index) const {
    auto It = CallerCopies.find(Index);
    return It == CallerCopies.end() ? -1 : static_cast<int>(It->second);
  }
  bool hasCallerCopies() const { return !CallerCopies.empty(); }
  /// The family a sink parameter is released as, if known.
  const HandleFamily *sinkFamily(const VarDecl *Var) const {
    auto It = SinkParameters.find(Var);
    return It == SinkParameters.end() ? nullptr : It->second;
  }

  /// True when \p Var's address is taken (other than as an acquisition's
  /// out-argument) or it is captured by reference anywhere in the body:
  /// code the analysis does not see may change it at any later call.
  bool isAddressExposed(const VarDecl *Var) const;

  /// True when \p Var is assigned somewhere in the body after its
  /// declaration.
  bool isReassigned(const VarDecl *Var) const {
    return Reassigned.contains(Var);
  }

  /// True when the body contains expressions with errors.
  bool hasErrors() const { return HasErrors; }
  /// True when the body has a `try` block: calls that may throw then lead
  /// to its handlers.
  bool hasTry() const { return HasTry; }
  /// Lambdas kept in a local and only called there (LocalClosures.h).
  const LocalClosures &closures() const { return Closures; }
  /// True for a `std::exchange` call whose result (the old value) is
  /// dropped: a statement of its own.
  bool isDiscardedExchange(const Stmt *Call) const {
    return DiscardedExchanges.contains(Call);
  }

  /// Statements in the body (lambda bodies excluded): a cheap size measure
  /// checked against the analysis budget before any CFG is built.
  unsigned statementCount() const { return StatementCount; }

  bool empty() const { return Keys.empty(); }
  unsigned size() const { return Keys.size(); }
  const StorageKey &key(unsigned Index) const { return Keys[Index]; }

  /// The dense index of \p Key, or -1 if it is not tracked.
  int indexOf(const StorageKey &Key) const {
    auto It = Indexes.find(Key);
    return It == Indexes.end() ? -1 : static_cast<int>(It->second);
  }

  /// Appends the indexes a use of \p Key reaches: \p Key itself, or every
  /// tracked element when \p Key is a whole array.
  void indexesReachedBy(const StorageKey &Key,
                        llvm::SmallVectorImpl<unsigned> &Out) const;

  /// True when \p Arg is `&var` passed to a function defined in this TU:
  /// the function's summary says what happens to var's handle fields.
  bool isSummarizedArgument(const Expr *Arg) const {
    return SummarizedArguments.contains(Arg->IgnoreParenImpCasts());
  }

  /// True when \p AddressOf (`&db`) is the out-argument of an acquisition
  /// call: it receives a handle rather than letting one escape.
  bool isAcquisitionOutArgument(const Expr *AddressOf) const {
    return OutArguments.contains(AddressOf);
  }

  /// True when \p AddressOf (`&data`) initializes a pointer that is only
  /// another spelling of data (PointerBindings.h): nothing escapes.
  bool bindsPointer(const Expr *AddressOf) const {
    return BindsPointer.contains(AddressOf);
  }
  /// True when \p Call (`v.end()`) only says where an insertion into the
  /// same container goes (`v.insert(v.end(), f)`): no iterator escapes.
  bool isInsertPosition(const Expr *Call) const {
    return InsertPositions.contains(Call);
  }
  /// True when \p Copy (a container of handles copied) is a call's
  /// argument or a local's initializer: the call or the local then follows
  /// the handles, and the copy itself keeps none.
  bool isFollowedCopy(const Expr *Copy) const {
    return FollowedCopies.contains(Copy);
  }

private:
  friend class TrackingScanner;
  void add(const StorageKey &Key);

  llvm::SmallVector<StorageKey, 8> Keys;
  llvm::DenseMap<StorageKey, unsigned> Indexes;
  llvm::SmallPtrSet<const Expr *, 4> OutArguments;
  llvm::SmallPtrSet<const Expr *, 2> BindsPointer;
  llvm::SmallPtrSet<const Expr *, 2> InsertPositions;
  llvm::SmallPtrSet<const Expr *, 2> FollowedCopies;
  llvm::SmallPtrSet<const Expr *, 4> SummarizedArguments;
  llvm::DenseMap<const VarDecl *, const HandleFamily *> SinkParameters;
  mutable llvm::SmallPtrSet<const VarDecl *, 4> AddressExposed;
  /// `&x` given to a function whose summary may settle what it does
  /// through that parameter: x is exposed unless it does. Summaries are
  /// computed only for the variables asked about (most such `&len` are
  /// never handles).
  struct PendingExposure {
    const FunctionDecl *Callee;
    unsigned Param;
  };
  mutable llvm::DenseMap<const VarDecl *, llvm::SmallVector<PendingExposure, 1>>
      PendingExposures;
  llvm::function_ref<bool(const FunctionDecl *, unsigned)> SummarizesPointee =
      nullptr;
  llvm::SmallPtrSet<const VarDecl *, 4> CallerValueParameters;
  llvm::DenseSet<StorageKey> CopyTargets;
  llvm::SmallDenseMap<unsigned, unsigned, 2> CallerCopies;
  llvm::SmallPtrSet<const VarDecl *, 4> Reassigned;
  const DeclContext *LocalContext = nullptr;
  bool BlockMayRunAgain = false;
  bool TracksGlobals = false;
  bool TracksHeld = false;
  bool HasErrors = false;
  bool HasTry = false;
  LocalClosures Closures;
  llvm::SmallPtrSet<const Stmt *, 2> DiscardedExchanges;
  unsigned StatementCount = 0;
};

/// The keys an acquisition through argument \p Arg of a call with \p Role
/// fills: `&db` -> db; `fds` (an array variable or field) -> fds[0], fds[1]
/// (no more than the array holds).
llvm::SmallVector<StorageKey, 2> outParameterTargets(const Expr *Arg,
                                                     const FunctionRole &Role,
                                                     const ASTContext &Ctx);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_TRACKEDSTORAGE_H
