//===--- HandleHolders.h - resource-tidy ----------------------------------===//
//
// Storage that outlives a call (a field, a global, a static) is only worth
// tracking when it holds handles: otherwise every `count_ = 0` in a method
// would be suspect. This index, built once per translation unit, records the
// evidence of ownership: the storage receives an acquisition somewhere or is
// passed to a release function somewhere. Its type alone (`PGconn *`) is not
// enough: borrowed aliases (`current_base = base`) share it.
//
// It also records how functions are called, since storage only carries a
// handle "from a previous call" into a function that runs more than once
// (those queries are defined in RunsAgain.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEHOLDERS_H
#define RESOURCE_TIDY_HANDLEHOLDERS_H

#include "catalog/HandleFamilies.h"
#include "engine/RunAgainNames.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::resource {

class TrackingTriggers;

class HandleHolders {
public:
  /// Walks the declarations of \p Ctx's traversal scope (the TU, or in
  /// clangd the main file's) outside system headers.
  /// Functions \p IsDamaged accepts (compile errors) give no evidence: a
  /// half-typed call can read as the function's address being taken.
  /// Functions whose name \p RunAgain matches (handlers, callbacks,
  /// reconnect and reload routines) run again whoever calls them.
  /// With \p Triggers, it also notes the function bodies where none holds
  /// (isQuiet).
  static HandleHolders
  collect(ASTContext &Ctx, const HandleCatalog &Catalog,
          llvm::function_ref<bool(const FunctionDecl *)> IsDamaged,
          const RunAgainNames *RunAgain = nullptr,
          const TrackingTriggers *Triggers = nullptr);

  /// True when the walk saw all of \p Definition's body and no tracking
  /// trigger in it (TrackingTriggers.h): the check's pre-pass would find
  /// nothing to track there. False when not known.
  bool isQuiet(const FunctionDecl *Definition) const {
    return Quiet.contains(Definition);
  }

  /// True when \p Identity (a field, a global or static variable) owns
  /// handles in this translation unit: it receives an acquisition or is
  /// released somewhere.
  bool isHolder(const ValueDecl *Identity) const;

  /// The acquisition role of what \p Identity holds, for messages and
  /// fix-its; null when only a release or its type says it is a holder.
  const FunctionRole *roleOf(const ValueDecl *Identity) const;

  /// The family released from \p Identity somewhere, if any.
  const HandleFamily *releasedFamilyOf(const ValueDecl *Identity) const;

  /// True when this TU shows \p Function can run again while storage it set
  /// the last time still holds a handle: it is called inside a loop, from
  /// two or more places, its address is taken (a callback, a handler) other
  /// than by a run-once registration (pthread_once, call_once, atexit), its
  /// name says it is a handler (RunAgainNames), or a function that runs
  /// again calls it.
  bool runsRepeatedly(const FunctionDecl *Function) const;

  /// True when \p Function is given to a run-once registration
  /// (`std::call_once(flag, [this] {...})`, `pthread_once(&once, init)`).
  bool isRunOnce(const FunctionDecl *Function) const {
    return RunOnce.contains(Function->getCanonicalDecl());
  }

  /// True when some function of the TU both closes \p Field and resets it
  /// to an invalid value: the field follows an open/close protocol.
  bool isClosedAndReset(const FieldDecl *Field) const {
    return ClosedAndReset.contains(Field);
  }

  /// True when \p Function is a handler: its address is taken or its name
  /// says so. Handlers run again on the same object (the user data they
  /// were registered with), not on a fresh one each time.
  bool isHandler(const FunctionDecl *Function) const {
    const FunctionDecl *Canonical = Function->getCanonicalDecl();
    return AddressTaken.contains(Canonical) ||
           NamedToRunAgain.contains(Canonical);
  }

  /// True when some loop calls \p Function with the same storage as
  /// argument \p ParamIndex on every iteration (`for (;;) accept_one(s);`).
  bool calledInLoopOn(const FunctionDecl *Function, unsigned ParamIndex) const {
    auto Stable = StableLoopArguments.find(Function->getCanonicalDecl());
    return Stable != StableLoopArguments.end() && ParamIndex < 64 &&
           (Stable->second >> ParamIndex & 1);
  }

  /// True when every call of the method \p Function this TU shows is in a
  /// constructor (not virtual, address not taken, not named as a handler):
  /// a one-time initialiser, unless constructors of a class and of a class
  /// derived from it both call it (then it runs twice on one object).
  bool calledOnlyFromConstructors(const FunctionDecl *Function) const;

  /// True when every call of the method \p Function this TU shows is on an
  /// object the calling function made itself, once per object (`Client c;
  /// c.connect();`, `auto s = std::make_unique<Server>(); s->listen();`),
  /// and nothing else can call it again (not virtual, address not taken,
  /// not named as a handler): it runs once per object.
  bool calledOnlyOnFreshObjects(const FunctionDecl *Function) const;

  /// Like runsRepeatedly, for storage reached through parameter
  /// \p ParamIndex: a call in a loop counts only when it passes the same
  /// storage each time (`conn_open(c)`, not `setup(&trans[i])`).
  bool runsRepeatedlyOn(const FunctionDecl *Function,
                        unsigned ParamIndex) const;

  /// True when \p Function is the only code in this TU that may store a
  /// handle into \p Identity, and does not call itself: then what is there
  /// when it starts is what its earlier calls left.
  bool onlyStoredBy(const ValueDecl *Identity,
                    const FunctionDecl *Function) const;

  /// A call from one function of the TU to another.
  struct CallEdge {
    /// What an argument is, when it is not a parameter index of the caller.
    enum : int { Fresh = -2, Same = -1 };
    const FunctionDecl *Caller;
    const FunctionDecl *Callee;
    const CallExpr *Call;
    /// Per argument: the caller's parameter it passes on, or Same (global
    /// storage, `this`), or Fresh.
    llvm::SmallVector<int, 4> Arguments;
  };
  /// The calls of \p Function from other functions of the TU.
  llvm::SmallVector<const CallEdge *, 4>
  callersOf(const FunctionDecl *Function) const;
  /// True when \p Function runs again on argument \p ParamIndex by what
  /// the TU shows of its own calls, address and name, not because a
  /// caller runs again.
  bool repeatedOnItsOwn(const FunctionDecl *Function,
                        unsigned ParamIndex) const {
    return directlyRepeatedOn(Function->getCanonicalDecl(), ParamIndex);
  }

private:
  friend class HolderScanner;

  /// Runs again by what this TU shows of its own calls and address.
  bool directlyRepeated(const FunctionDecl *Canonical) const;
  /// \p Function as a method that runs only where the TU calls it (not
  /// virtual, its address not taken, not named like a handler); else null.
  const CXXMethodDecl *runsOnlyWhereCalled(const FunctionDecl *Function) const;
  bool directlyRepeatedOn(const FunctionDecl *Canonical,
                          unsigned ParamIndex) const;
  /// Whether each call of \p Canonical, all seen in this TU, passes as its
  /// pointer argument \p ParamIndex a different object, none the caller's
  /// parameter or a global (`init(&t[i].in); init(&t[i].out);`).
  bool callsOnDistinctFreshObjects(const FunctionDecl *Canonical,
                                   unsigned ParamIndex) const;
  /// Indexes the call edges by callee, then fills Repeated and RepeatedOn
  /// from them.
  void propagateRepetition();

  llvm::SmallVector<CallEdge, 32> Edges;
  /// Per callee (canonical): the positions of its edges in Edges (a TU of
  /// thousands of calls asks for a function's callers many times).
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<unsigned, 2>>
      EdgesByCallee;
  llvm::SmallPtrSet<const FieldDecl *, 8> ClosedAndReset;
  /// Functions that run again because a caller does.
  llvm::SmallPtrSet<const FunctionDecl *, 16> Repeated;
  /// Per function: bit N set when it runs again on the same argument N
  /// because a caller does.
  llvm::DenseMap<const FunctionDecl *, uint64_t> RepeatedOn;
  llvm::DenseMap<const FunctionDecl *, unsigned> CallSites;
  llvm::SmallPtrSet<const FunctionDecl *, 16> CalledInLoop;
  /// Per function: bit N set when some call in a loop passes the same
  /// storage as argument N on every iteration.
  llvm::DenseMap<const FunctionDecl *, uint64_t> StableLoopArguments;
  llvm::SmallPtrSet<const FunctionDecl *, 16> AddressTaken;
  llvm::SmallPtrSet<const FunctionDecl *, 16> NamedToRunAgain;
  llvm::SmallPtrSet<const FunctionDecl *, 4> RunOnce;
  /// Functions some call in a constructor names, and some call elsewhere.
  /// Per function: the classes whose constructors call it.
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallPtrSet<const CXXRecordDecl *, 2>>
      CalledFromConstructor;
  llvm::SmallPtrSet<const FunctionDecl *, 16> CalledElsewhere;
  /// Per method: the local objects it is called on, each made by the
  /// calling function; and the methods also called on anything else (or
  /// twice on one object).
  llvm::DenseMap<const FunctionDecl *, llvm::SmallPtrSet<const VarDecl *, 2>>
      FreshObjectCalls;
  llvm::SmallPtrSet<const FunctionDecl *, 16> CalledOnOtherObject;
  llvm::DenseMap<const ValueDecl *, const FunctionRole *> Acquired;
  llvm::DenseMap<const ValueDecl *, const HandleFamily *> Released;
  /// Per storage: the functions (canonical; null for code outside any
  /// function, lambdas, or stores we cannot follow) that may store a
  /// handle into it.
  llvm::DenseMap<const ValueDecl *, llvm::SmallPtrSet<const FunctionDecl *, 2>>
      StoredBy;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Recursive;
  /// Definitions (not canonical declarations) with a quiet body.
  llvm::DenseSet<const FunctionDecl *> Quiet;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEHOLDERS_H
