//===--- StorageKey.h - resource-tidy -------------------------------------===//
//
// A *storage key* names one place that can hold a handle: a variable, a
// field reached through `this` or a variable, or one constant element of an
// array variable or array field (`fds[0]` after `pipe(fds)`, `s.fds[1]`);
// and how expressions designate one.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_STORAGEKEY_H
#define RESOURCE_TIDY_STORAGEKEY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/Hashing.h"
#include <optional>
#include <string>

namespace clang::tidy::resource {

struct HeldSlot;

/// One place that can hold a handle: a variable (local, parameter, global,
/// static), a field of `*this` (Var == null), a field reached through a
/// variable (`c->fd`, `s.conn`), or a constant element of either when it is
/// an array (`fds[1]`, `c->fds[0]`).
struct StorageKey {
  const VarDecl *Var = nullptr;
  /// Element of the array (the field when there is one, else Var), or -1
  /// for the whole.
  int Index = -1;
  /// The field of Var's object (or of `*this` when Var is null), if any.
  const FieldDecl *Field = nullptr;
  /// When set, not the storage itself but the handle held inside the
  /// library object it points to (`bufferevent_getfd(c->bev)`: the
  /// descriptor of the bufferevent `c->bev`), which the library's setters
  /// write (HeldSlot).
  const HeldSlot *Held = nullptr;

  bool operator==(const StorageKey &Other) const {
    return Var == Other.Var && Index == Other.Index && Field == Other.Field &&
           Held == Other.Held;
  }
  /// For a held handle: the storage of the object holding it.
  StorageKey holder() const { return {Var, Index, Field}; }
  /// How the storage is written in source: "fd", "fds[1]", "fd_",
  /// "c->fd", "s.conn"; a held handle as its getter's call,
  /// "bufferevent_getfd(c->bev)".
  std::string spelling() const;
  /// The type of the stored value.
  QualType type(const ASTContext &Ctx) const;
  /// The type of the variable or field, before any element is taken (the
  /// array type for an element).
  QualType wholeType() const;
  /// True when the storage outlives the call: fields of `*this` or reached
  /// through a pointer or reference, globals, statics, what a reference
  /// parameter refers to.
  bool outlivesCall() const;
  /// `*out`, the caller's storage a pointer parameter points to (element 0
  /// of a pointer-typed parameter, or of a local typed copy of one:
  /// PointerBindings.h).
  bool isPointee() const;
  /// For isPointee(): the parameter whose pointee it is.
  const ParmVarDecl *pointeeParameter() const;
  /// The declaration identifying the storage across functions: the field,
  /// or the global / static variable; null for call-local storage.
  const ValueDecl *identity() const;
};

/// For a local pointer initialized from a parameter (`struct app *app =
/// user_data;`, `struct db *db = ud->data;`): that parameter, whose
/// object it views; null otherwise. (Whether the pointer is later pointed
/// elsewhere is checked where it is tracked.)
const ParmVarDecl *viewedParameter(const VarDecl *Var);

/// The function or closure whose local \p Var is, looking through the
/// captured regions of OpenMP directives (`#pragma omp parallel for`),
/// whose code runs as part of the function that contains them.
const DeclContext *owningContext(const VarDecl *Var);

/// The members of a union share their storage: for a member of a union,
/// the first member of the same type (`u.second` reads what `u.first =
/// fd` stored); \p Field itself otherwise.
const FieldDecl *firstOverlappingField(const FieldDecl *Field);

/// For a local lvalue reference bound to a variable of the same type
/// (`FILE *&alias = data;`): that variable; null otherwise.
const VarDecl *boundVariable(const VarDecl *Reference);

/// The storage \p E designates directly, looking through parentheses and
/// implicit casts: a variable, a field of `*this` or of a variable, or an
/// element at a constant index of either. Null for anything else.
std::optional<StorageKey> storageOf(const Expr *E, const ASTContext &Ctx);

/// True when \p E (without parentheses and implicit casts) reads storage
/// as a whole value, the way a copy does: a variable, a field, an element,
/// `*p`, an element of a container of handles (`v[2]`, `v.back()`).
bool isStorageRead(const Expr *E);

} // namespace clang::tidy::resource

namespace llvm {
template <> struct DenseMapInfo<clang::tidy::resource::StorageKey> {
  using Key = clang::tidy::resource::StorageKey;
  static Key getEmptyKey() {
    return {DenseMapInfo<const clang::VarDecl *>::getEmptyKey(), -1, nullptr};
  }
  static Key getTombstoneKey() {
    return {DenseMapInfo<const clang::VarDecl *>::getTombstoneKey(), -1,
            nullptr};
  }
  static unsigned getHashValue(const Key &K) {
    return hash_combine(K.Var, K.Index, K.Field, K.Held);
  }
  static bool isEqual(const Key &A, const Key &B) { return A == B; }
};
} // namespace llvm

#endif // RESOURCE_TIDY_STORAGEKEY_H
