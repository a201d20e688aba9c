//===--- PointerBindings.h - resource-tidy --------------------------------===//
//
// A local pointer that can only ever point at one local variable:
// `FILE **dataPtr = &data;`, never assigned again, never copied, never
// captured, only ever dereferenced (`*dataPtr = fopen(...)`, `FILE *d =
// *dataPtr;`). Such a pointer is another spelling of the variable, as a
// local reference is, and taking the variable's address for it does not
// expose the variable to unseen code.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_POINTERBINDINGS_H
#define RESOURCE_TIDY_POINTERBINDINGS_H

namespace clang {
class ParmVarDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace clang::tidy::resource {

/// The variable \p Pointer always points at, if it is such a pointer;
/// null otherwise. The answer is cached per thread until the next
/// forgetPointerBindings().
const VarDecl *pointedVariable(const VarDecl *Pointer);

/// The pointer parameter \p Pointer is a typed copy of (`FILE **dataPtr =
/// (FILE **)dataVoidPtr;`) when \p Pointer is only ever dereferenced:
/// `*dataPtr` is then what the caller's pointer points to. Null otherwise.
const ParmVarDecl *viewedPointerParameter(const VarDecl *Pointer);

/// True when every use of \p Pointer in \p Body dereferences it (`*p`,
/// and with \p Subscripts `p[i]`): no copy of the pointer is kept, passed
/// on or captured.
bool onlyDereferenced(const VarDecl *Pointer, const Stmt *Body,
                      bool Subscripts = false);

/// True when \p Body names \p Var exactly once.
bool referencedOnce(const VarDecl *Var, const Stmt *Body);

/// Drops the cached answers: at the start of each translation unit, whose
/// declarations may reuse the memory of the last one's.
void forgetPointerBindings();

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_POINTERBINDINGS_H
