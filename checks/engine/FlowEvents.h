//===--- FlowEvents.h - resource-tidy -------------------------------------===//
//
// What the engine tells a rule. After the solver has computed the state of
// every tracked storage at the entry of every block, it replays each
// reachable block once, in evaluation order, and reports what happens to
// each storage, with the set of states it may be in just before. A rule
// (the reassignment rule, the leaked-handle rule) is a FlowListener that
// turns some of these events into findings; it never walks the AST itself.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_FLOWEVENTS_H
#define RESOURCE_TIDY_FLOWEVENTS_H

#include "engine/FunctionSummaries.h"
#include "engine/HandleState.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::resource {

/// Something that replaces the value of a tracked storage.
struct Overwrite {
  /// The `=` (BinaryOperator), or the out-argument (`&db`, `fds`) of an
  /// acquisition call.
  const Expr *Site;
  /// The statement-level expression to place a fix before: the assignment
  /// or the call.
  const Expr *Root;
  /// The value stored, for assignments; null for out-parameters.
  const Expr *NewValue;
  /// The value is a handle this call opened, read from another storage
  /// (`s->client = fd;` after `fd = accept(...)`).
  bool FreshValue = false;
};

/// How the last reference to a storage goes away.
enum class ReferenceLoss {
  /// The variable's scope ends: a `}`, a `return`, a `break` or `goto` out
  /// of its block, the end of a loop iteration that declares it again.
  ScopeEnd,
};

/// Receives the events of one replay. Every method is called just before
/// the event takes effect; \p Index is the storage's tracking index.
class FlowListener {
public:
  virtual ~FlowListener() = default;
  /// The storage is given a new value (assignment, out-parameter, reset,
  /// the whole struct or array assigned).
  virtual void overwritten(const Overwrite &What, unsigned Index,
                           const VariableState &Before) {}
  /// A release call, `delete` or a helper's summary closes it.
  virtual void released(const Expr *Site, unsigned Index,
                        const VariableState &Before) {}
  /// Ownership may leave: returned, stored elsewhere, passed to code that
  /// may keep it, captured.
  virtual void escaped(const Stmt *Site, unsigned Index,
                       const VariableState &Before) {}
  /// A call that only reads the handle (`read(fd, ...)`).
  virtual void used(const Expr *Site, unsigned Index,
                    const VariableState &Before) {}
  /// The handle is passed to a function that overwrites the parameter
  /// with a new handle while it may still hold this one, without closing
  /// it (\p Callee says where: an assignment in the callee, or a place in
  /// another file). The handle escapes after this event.
  virtual void passedToOverwriter(const CallExpr *Call, unsigned Index,
                                  const VariableState &Before,
                                  const ParameterSummary &Callee) {}
  /// A method other than a release method is called on the object the
  /// storage points to (`conn->start()`): the object may hand itself over.
  virtual void methodCalled(const Expr *Call, unsigned Index,
                            const VariableState &Before) {}
  /// The last name of the storage goes away. \p Trigger is the statement
  /// that ends the scope (the `return`, the block), if known.
  virtual void lastReferenceGone(const Stmt *Trigger, ReferenceLoss How,
                                 unsigned Index, const VariableState &Before) {}
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_FLOWEVENTS_H
