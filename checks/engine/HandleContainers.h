//===--- HandleContainers.h - resource-tidy -------------------------------===//
//
// A local standard container of handles (`std::vector<FILE *> files`,
// `std::map<int, int> fds`) is one more name of the handles put in it:
// `v.push_back(f)`, `v.insert(v.end(), f)` and `m[k] = f` copy the handle
// in, `g = v[2]`, `v.back()` and `v.at(k)` copy it out, and the container
// passed by value gives the callee the same handles. It is followed while
// it names one handle: a second, different handle put in, an iterator
// taken, or any change other than an insertion, and it is no longer
// followed (its handles escape). Only local variables and parameters taken
// by value, of containers whose elements are pointers or integers.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLECONTAINERS_H
#define RESOURCE_TIDY_HANDLECONTAINERS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::resource {

/// For a standard sequence, set or map (the mapped type) whose elements are
/// pointers or integers: the element type; a null type otherwise.
QualType containerElementType(QualType T);

/// The local variable or by-value parameter that \p E names, when it is a
/// container of handles; null otherwise.
const VarDecl *handleContainer(const Expr *E);

/// For `v[k]`, `v.at(k)`, `v.front()`, `v.back()` of a container of
/// handles: the expression naming the container; null otherwise.
const Expr *containerElementRead(const Expr *E);

/// For the copy of a container of handles that \p E makes (a by-value
/// argument, `auto copy = v;`): the copy constructor call; null otherwise.
const CXXConstructExpr *containerCopy(const Expr *E);

/// What a member call does to the container of handles it is called on.
enum class ContainerCall {
  /// Not a call on a container of handles.
  None,
  /// Reads without handing out anything that can change the elements
  /// (`size()`, `empty()`, element reads).
  Read,
  /// Puts one element in: `push_back(f)`, `insert(pos, f)`, `emplace(...)`.
  Insert,
  /// Hands out an iterator (`begin()`, `find(k)`): the elements may be
  /// closed or changed through it.
  Iterator,
  /// `clear()`: every element is dropped, closed or not (StorageWrites.h
  /// reads it as a reset of the container).
  Clear,
  /// Anything else (`erase(...)`, `swap(w)`, `pop_back()`).
  Change,
};

/// How \p Call acts on a container of handles it is a member call of.
ContainerCall classifyContainerCall(const CXXMemberCallExpr *Call);

/// True when \p S is `v.clear()` of a container of handles.
inline bool isContainerClear(const Stmt *S) {
  const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(S);
  return Member && classifyContainerCall(Member) == ContainerCall::Clear;
}

/// For an insertion (`v.push_back(f)`, `v.insert(v.end(), 1, f)`,
/// `m[2] = f`): the expressions naming the container and the inserted
/// value; {null, null} otherwise.
std::pair<const Expr *, const Expr *> insertionOf(const Stmt *S);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLECONTAINERS_H
