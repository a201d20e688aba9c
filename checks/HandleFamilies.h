//===--- HandleFamilies.h - resource-tidy ---------------------------------===//
//
// The catalog: what each modelled function does to a handle. It knows nothing
// about control flow; the flow analysis asks it "what does this call do to
// argument N / to its result?" and the check asks it how to spell a release.
//
// A *family* groups the functions of one kind of handle: how its invalid value
// looks (-1 for descriptors, null for pointers), which call releases it, and
// what to call it in a message. A *role* says what one function does: it
// acquires a handle of a family (as its result), releases its argument, only
// uses its argument, or takes ownership of it (a sink such as fdopen).
//
// Adding a library family is one table entry in HandleFamilies.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEFAMILIES_H
#define RESOURCE_TIDY_HANDLEFAMILIES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::resource {

/// How a handle's "no handle here" value is written and tested.
enum class InvalidValueKind {
  NegativeInteger, ///< Descriptors: -1 (any negative value) means invalid.
  NullPointer,     ///< Pointers: null means invalid.
};

/// One kind of handle and how to release it.
struct HandleFamily {
  /// Stable identifier, e.g. "posix-fd".
  std::string Id;
  /// Function that releases a handle of this family, e.g. "close".
  std::string ReleaseFunction;
  /// How the invalid value looks; decides branch refinement and guards.
  InvalidValueKind Invalid = InvalidValueKind::NegativeInteger;
  /// Whether the release function accepts the invalid value harmlessly.
  /// When false, a fix-it must guard the release if invalid is possible.
  bool ReleaseAcceptsInvalid = false;
  /// What the previous value is called when it leaks ("descriptor", "stream").
  std::string LeakNoun;
};

/// What a call does to a handle passed as an argument.
enum class ArgumentRole {
  Use,     ///< Reads the handle; ownership stays with the caller.
  Release, ///< Closes the handle.
  Sink,    ///< Takes ownership (e.g. fdopen); the caller no longer owns it.
};

/// What one modelled function does.
struct FunctionRole {
  /// Family of the handle this function returns, or null if it acquires none.
  const HandleFamily *Acquires = nullptr;
  /// Noun for the acquired handle in messages ("socket", "FILE stream").
  std::string AcquiredNoun;
  /// When >= 0, the handle is not returned but written through this
  /// argument: a pointer to the handle (`&db`) or an array of OutCount
  /// handles (`pipe(fds)`).
  int OutParam = -1;
  /// Number of handles written through OutParam.
  unsigned OutCount = 1;
  /// Role per argument index; arguments past the end use DefaultArgRole.
  llvm::SmallVector<ArgumentRole, 4> ArgRoles;
  /// Role of arguments not listed in ArgRoles.
  ArgumentRole DefaultArgRole = ArgumentRole::Use;

  ArgumentRole roleOfArgument(unsigned Index) const {
    return Index < ArgRoles.size() ? ArgRoles[Index] : DefaultArgRole;
  }
};

/// The set of families and function roles the check knows.
class HandleCatalog {
public:
  /// A catalog holding the built-in POSIX and C stdio families.
  static HandleCatalog builtin();

  /// The role of \p Callee, or null when the catalog does not model it.
  /// Only free functions at global scope, in namespace std or with C
  /// linkage are modelled: a method named "close" is not ::close.
  const FunctionRole *roleOf(const FunctionDecl *Callee) const;

  /// The role registered under a plain function name, or null.
  const FunctionRole *roleOf(llvm::StringRef Name) const;

  /// Names of every function that acquires a handle (for the matcher).
  std::vector<std::string> acquireFunctionNames() const;

  /// The family registered under \p Id, or null.
  const HandleFamily *family(llvm::StringRef Id) const;

  /// Adds (or replaces) a family; returns the stored copy.
  const HandleFamily *addFamily(HandleFamily Family);

  /// Registers \p Name as acquiring a handle of \p Family, as its result
  /// or, when \p OutParam >= 0, through that argument.
  void addAcquire(llvm::StringRef Name, const HandleFamily *Family,
                  llvm::StringRef Noun,
                  llvm::ArrayRef<ArgumentRole> ArgRoles = {},
                  int OutParam = -1, unsigned OutCount = 1);

  /// Registers \p Name as releasing its argument \p ArgIndex.
  void addRelease(llvm::StringRef Name, unsigned ArgIndex = 0);

  /// Registers \p Name as only using the handles passed to it.
  void addUse(llvm::StringRef Name);

private:
  FunctionRole &entry(llvm::StringRef Name);

  /// Families own their storage; roles point into it, so never shrink.
  std::vector<std::unique_ptr<HandleFamily>> Families;
  llvm::StringMap<FunctionRole> Roles;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEFAMILIES_H
