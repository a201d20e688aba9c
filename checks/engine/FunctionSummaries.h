//===--- FunctionSummaries.h - resource-tidy ------------------------------===//
//
// What a call to a function defined in the same translation unit does to
// the handles its caller hands it, so that the call is not "unknown code
// that may keep the handle":
//  * which fields of `*this` a method releases, on every path or on some
//    (`disconnect(); fd_ = socket(...);` is not a leak);
//  * for each by-value parameter of a handle type: whether the function
//    only reads the handle (`log_fd(fd)` leaves the caller owning it),
//    closes it on every path (a close wrapper), or overwrites the
//    parameter with a new handle while it still holds the caller's,
//    without closing it (the caller's handle is then lost if the caller
//    does not use it again).
// A summary is computed by running the same flow analysis on the function
// (fields and parameters starting as Inherited: whatever the caller had)
// and reading the events and the state at its exit; summaries are cached
// per translation unit and nest only a few levels deep, so recursion and
// long call chains stay cheap.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_FUNCTIONSUMMARIES_H
#define RESOURCE_TIDY_FUNCTIONSUMMARIES_H

#include "catalog/HandleFamilies.h"
#include "engine/HandleState.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace clang::tidy::resource {

/// What a function does to the handle passed in one by-value parameter.
enum class ParameterEffect {
  /// It may keep it, hand it over or close it on some paths only.
  Unknown,
  /// It only reads it: the caller still owns the handle after the call.
  UsedOnly,
  /// It closes it on every path that returns.
  Released,
  /// It stores a new handle into the parameter while the caller's may still
  /// be there, having neither closed nor handed it over.
  Overwritten,
  /// A reference parameter: it stores a fresh handle (or a failure value)
  /// into the caller's storage on every path (`void open_log(FILE *&f)`).
  Acquires,
};

/// A place in another translation unit, as the summary index records it.
struct ExternalSite {
  std::string Function;
  std::string File;
  unsigned Line = 0, Column = 0;
};

struct ParameterSummary {
  ParameterEffect Effect = ParameterEffect::Unknown;
  /// For Overwritten, the assignment in the function that drops the
  /// caller's handle; for Acquires, the acquisition.
  const Expr *OverwriteSite = nullptr;
  /// The same, when that function is in another file (the summary index).
  const ExternalSite *ExternalOverwrite = nullptr;
  /// For Unknown: the function only passes the handle on, to parameter
  /// ForwardParam of ForwardTo, a function defined in another file (what
  /// that one does is for the summary index to say).
  const FunctionDecl *ForwardTo = nullptr;
  unsigned ForwardParam = 0;
  /// For Acquires: the caller's handle is closed or handed over before the
  /// new one is stored (`if (f) fclose(f); f = fopen(...)`).
  bool ReleasesFirst = false;
};

/// What a function does to a handle field of the object a pointer
/// parameter points to (`close_conn(struct conn *c)` closes `c->fd`), or,
/// with a null Field, to the handle it points to (`*out = fopen(...)`).
struct ParameterFieldSummary {
  unsigned Param;
  const FieldDecl *Field;
  ParameterSummary Effect;
  /// With a null Field: which element of what the parameter points to
  /// (`p[2]`; 0 for `*p`).
  unsigned Element = 0;
};

/// What a lambda does to a variable it captures by reference.
struct CaptureSummary {
  const VarDecl *Var;
  ParameterSummary Effect;
};

/// What calling a function does to the handles its caller gives it: the
/// fields of the object a method is called on, by-value parameters, and
/// handle fields of the objects pointer parameters point to.
struct FunctionSummary {
  /// Fields released on every path through the method.
  llvm::SmallVector<const FieldDecl *, 2> AlwaysReleased;
  /// Fields released on some paths only.
  llvm::SmallVector<const FieldDecl *, 2> SometimesReleased;
  /// Globals and statics released on every path, or on some only.
  llvm::SmallVector<const VarDecl *, 2> GlobalsAlwaysReleased;
  llvm::SmallVector<const VarDecl *, 2> GlobalsSometimesReleased;
  /// File-local globals it reads out into a local and overwrites there
  /// while the local still holds the caller's handle (`FILE *data =
  /// g_pending; data = fopen(...)`), with that assignment.
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 1>
      GlobalsOverwritten;
  /// Per parameter (by index); empty when no parameter holds a handle.
  llvm::SmallVector<ParameterSummary, 2> Parameters;
  /// Handle fields reached through pointer parameters that the function
  /// touches; a field not listed is left as it was (when the parameter
  /// itself does not escape).
  llvm::SmallVector<ParameterFieldSummary, 2> ParameterFields;
  /// For a lambda: its by-reference captures it acts on.
  llvm::SmallVector<CaptureSummary, 1> Captures;
  /// The method has compile errors: it may have released or handed over
  /// any field, so its callers stop tracking the object's fields.
  bool Untrusted = false;

  /// The effect on parameter \p Index.
  ParameterSummary parameter(unsigned Index) const {
    return Index < Parameters.size() ? Parameters[Index] : ParameterSummary{};
  }
  /// Whether the summary says anything a caller can use.
  bool isInformative() const {
    return Untrusted || !AlwaysReleased.empty() || !SometimesReleased.empty() ||
           !ParameterFields.empty() || !Captures.empty() ||
           !GlobalsAlwaysReleased.empty() ||
           !GlobalsSometimesReleased.empty() || !GlobalsOverwritten.empty() ||
           llvm::any_of(Parameters, [](const ParameterSummary &P) {
             return P.Effect != ParameterEffect::Unknown || P.ForwardTo;
           });
  }
  /// What the function does to the handle parameter \p Param points to
  /// (`*out`), if it says.
  std::optional<ParameterSummary> pointee(unsigned Param,
                                          unsigned Element = 0) const {
    for (const ParameterFieldSummary &Each : ParameterFields)
      if (Each.Param == Param && !Each.Field && Each.Element == Element)
        return Each.Effect;
    return std::nullopt;
  }
  /// Whether it says anything of what parameter \p Param points to (it
  /// then keeps no copy of the pointer).
  bool summarizesPointee(unsigned Param) const {
    return llvm::any_of(ParameterFields,
                        [&](const ParameterFieldSummary &Each) {
                          return Each.Param == Param && !Each.Field;
                        });
  }
  /// The effect on field \p Field of what parameter \p Param points to.
  ParameterSummary parameterField(unsigned Param,
                                  const FieldDecl *Field) const {
    for (const ParameterFieldSummary &Each : ParameterFields)
      if (Each.Param == Param && Each.Field == Field)
        return Each.Effect;
    return {ParameterEffect::UsedOnly, nullptr};
  }
};

/// Gives summaries of functions to the transfer function.
class SummaryProvider {
public:
  virtual ~SummaryProvider() = default;
  /// The summary of \p Function, or null when it has none (not defined
  /// here, too deep, recursive, or it says nothing a caller can use).
  virtual const FunctionSummary *summaryOf(const FunctionDecl *Function) = 0;
  /// The same for a call known to run \p Function itself, not an override
  /// of it (`Base *b = new Derived; b->send(fd)` runs Derived::send).
  virtual const FunctionSummary *summaryOfTarget(const FunctionDecl *Function) {
    return summaryOf(Function);
  }

  /// The states field \p Field of the object passed as argument
  /// \p ArgIndex of \p Call (in \p Caller), or with a null \p Field the
  /// argument variable itself, may be in just before the call,
  /// as the caller's analysis sees it; what the caller inherits counts only
  /// if the caller can inherit it. Nullopt when unknown.
  virtual std::optional<HandleStateSet>
  fieldStateAtCall(const FunctionDecl *Caller, const CallExpr *Call,
                   unsigned ArgIndex, const FieldDecl *Field) {
    return std::nullopt;
  }
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_FUNCTIONSUMMARIES_H
