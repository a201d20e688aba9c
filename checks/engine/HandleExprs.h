//===--- HandleExprs.h - resource-tidy ------------------------------------===//
//
// Small questions about expressions that both the tracking pre-pass and the
// flow transfer ask: does this expression produce a fresh handle, the
// invalid value, or the value of some variable?
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEEXPRS_H
#define RESOURCE_TIDY_HANDLEEXPRS_H

#include "catalog/HandleFamilies.h"
#include "engine/TrackedStorage.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::resource {

/// For std::move / std::forward and friends (clang builtins), the argument
/// whose value the call yields; null for any other call.
const Expr *forwardedArgument(const CallExpr *Call);

/// True for std::addressof and the address-of builtins.
bool takesAddressOf(const CallExpr *Call);

/// True when \p Call calls `std::<Name>` with \p NumArgs arguments.
bool isStdCall(const CallExpr *Call, llvm::StringRef Name, unsigned NumArgs);

/// For `std::atomic<T>` and `std::optional<T>` with T an integer or pointer
/// (a descriptor kept for other threads, or maybe not there): T; a null
/// type otherwise. Such storage is tracked like T: `=`, `store()` and
/// `emplace()` write it, `load()`, the atomic's conversion, `*o` and
/// `o.value()` read it, an optional's `reset()` empties it.
QualType wrappedHandleType(QualType T);
/// True for a `std::optional` of a handle type.
bool isOptionalHandle(QualType T);

/// Strips parentheses, casts, full-expression wrappers and std::move-like
/// calls: everything that does not change which value an expression yields.
const Expr *stripValueWrappers(const Expr *E);

/// \p E without parentheses and implicit casts, and, when it takes an
/// address (`&conn`), what it takes the address of: the object an argument
/// designates, whether the callee is given a pointer or the address.
const Expr *withoutAddressOf(const Expr *E);

/// If \p E (after wrappers) acquires a handle, the acquiring expression: a
/// call to an acquisition function or a `new` of a connection class, on
/// either arm of a conditional operator.
const Expr *asAcquisition(const Expr *E, const HandleCatalog &Catalog);

/// True when \p E is a constant that no handle can equal: a null pointer
/// constant for pointers, a negative integer for integers.
bool isInvalidHandleConstant(const Expr *E, const ASTContext &Ctx);

/// True when \p E names one of the C library's standard streams (`stdin`,
/// `stdout`, `stderr`, or BSD's `__stdinp`...): a FILE* nobody acquired.
bool isStandardStream(const Expr *E);

/// Appends every storage whose value \p E may yield, looking through
/// wrappers, both arms of ?:, the right operand of a comma and the left
/// operand of an assignment used as a value.
/// Calls that return one of their arguments (HandleCatalog::
/// returnedArgument) yield that argument's storage when \p Catalog is given.
void collectValueSources(const Expr *E, const ASTContext &Ctx,
                         llvm::SmallVectorImpl<StorageKey> &Sources,
                         const HandleCatalog *Catalog = nullptr);

/// The part of the aggregate initializer \p Init (of a whole variable) that
/// initializes \p Part: the field's initializer for `s.fd`, the element's
/// for `fds[1]` or `s.fds[1]`, through designators, brace elision, compound
/// literals and unions. Value-initialized parts yield an
/// ImplicitValueInitExpr; null when the part's value is not written there.
const Expr *initializerOfPart(const Expr *Init, const StorageKey &Part);

/// True when evaluating \p Value may hand the handle stored in \p Key to
/// code that keeps it: \p Key itself, or a whole it is part of (`c`,
/// `*c`, `fds`), appears in \p Value other than as an argument a catalogued
/// function only uses (`fd = dup(fd)` keeps nothing) and other than as the
/// base of another field (`c->conn = PQconnectdb(c->conninfo)` reads a
/// sibling).
bool mayHandOver(const Expr *Value, const StorageKey &Key,
                 const HandleCatalog &Catalog, const ASTContext &Ctx);

/// True when \p Value reads \p Key or a whole it is part of anywhere
/// (lambda bodies excluded): `fd = dup(fd)` needs the old handle.
bool readsStorage(const Expr *Value, const StorageKey &Key,
                  const ASTContext &Ctx);

/// True when \p Var is named anywhere inside \p E (lambda bodies excluded).
bool mentionsVariable(const Stmt *S, const VarDecl *Var);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEEXPRS_H
