//===--- HandleFamilies.h - resource-tidy ---------------------------------===//
//
// The catalog: what each modelled function does to a handle. It knows nothing
// about control flow; the flow analysis asks it "what does this call do to
// argument N / to its result?" and the check asks it how to spell a release.
//
// A *family* groups the functions of one kind of handle: how its invalid value
// looks (-1 for descriptors, null for pointers, a sentinel such as
// INVALID_SOCKET), which call releases it, and what to call it in a message.
// A *role* says what one function does: it acquires a handle of a family (as
// its result or through an out-parameter), releases an argument, only uses
// its arguments, or takes ownership of one (a sink such as fdopen).
//
// The built-in tables live in BuiltinFamilies.cpp; user configuration and
// clang's handle attributes add to the same catalog.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HANDLEFAMILIES_H
#define RESOURCE_TIDY_HANDLEFAMILIES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class CallExpr;
class CXXNewExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class Expr;
} // namespace clang

namespace clang::tidy::resource {

/// How a handle's "no handle here" value is written and tested.
enum class InvalidValueKind {
  Inferred,        ///< From the storage's type: negative ints, null pointers.
  NegativeInteger, ///< Descriptors: -1 (any negative value) means invalid.
  NullPointer,     ///< Pointers: null means invalid.
  Sentinel,        ///< A named constant: INVALID_SOCKET, INVALID_HANDLE_VALUE.
};

/// One kind of handle and how to release it.
struct HandleFamily {
  /// Stable identifier, e.g. "posix-fd".
  std::string Id;
  /// Function that releases a handle of this family, e.g. "close".
  std::string ReleaseFunction;
  /// How the invalid value looks; decides the guard of a fix-it.
  InvalidValueKind Invalid = InvalidValueKind::Inferred;
  /// Whether the release function accepts the invalid value harmlessly.
  /// When false, a fix-it must guard the release if invalid is possible.
  bool ReleaseAcceptsInvalid = false;
  /// What the previous value is called when it leaks ("descriptor").
  std::string LeakNoun = "handle";
  /// For Sentinel: the macro or constant naming the invalid value.
  std::string InvalidSpelling;
  /// C++ objects made with `new`: released by `delete`, after calling
  /// ReleaseMethod when the destructor does not release by itself.
  bool DeleteObject = false;
  std::string ReleaseMethod;
  /// Class-typed storage (a shared_ptr, a value object): released by
  /// calling ReleaseMethod through this accessor ("->" or ".").
  std::string ObjectAccess;
};

/// What a call does to a handle passed as an argument.
enum class ArgumentRole {
  Use,     ///< Reads the handle; ownership stays with the caller.
  Release, ///< Closes the handle.
  Sink,    ///< Takes ownership (e.g. fdopen); the caller no longer owns it.
};

/// What one modelled function does.
struct FunctionRole {
  /// Family of the handle this function acquires, or null if none.
  const HandleFamily *Acquires = nullptr;
  /// Noun for the acquired handle in messages ("socket", "FILE stream").
  std::string AcquiredNoun;
  /// When >= 0, the handle is not returned but written through this
  /// argument: a pointer to the handle (`&db`) or an array of OutCount
  /// handles (`pipe(fds)`).
  int OutParam = -1;
  /// Number of handles written through OutParam.
  unsigned OutCount = 1;
  /// For out-parameter acquisitions: the call returns 0 on success and
  /// writes no handle on failure (getaddrinfo, pipe), so a nonzero status
  /// means there is nothing to release.
  bool ZeroStatusMeansAcquired = false;
  /// When >= 0, the call returns this argument (or a failure value):
  /// `mysql_real_connect(m, ...)` returns `m`, `freopen(p, m, f)` returns
  /// `f`. Its result is another name for a handle the caller already
  /// holds, never a new one.
  int ReturnsArgument = -1;
  /// Role per argument index; arguments past the end use DefaultArgRole.
  llvm::SmallVector<ArgumentRole, 4> ArgRoles;
  /// Role of arguments not listed in ArgRoles.
  ArgumentRole DefaultArgRole = ArgumentRole::Use;
  /// When not empty, this role applies only to declarations whose return
  /// type is spelled so (Winsock's `SOCKET socket(...)` vs POSIX's).
  std::string WhenReturnType;

  ArgumentRole roleOfArgument(unsigned Index) const {
    return Index < ArgRoles.size() ? ArgRoles[Index] : DefaultArgRole;
  }
};

/// A handle a library object keeps inside it, which the library's functions
/// set and read (a bufferevent's descriptor): the object's *held handle*,
/// followed like a field of the object (StorageKey::Held).
struct HeldSlot {
  /// The family of the handle held: how to close it, what to call it.
  const HandleFamily *Family = nullptr;
  /// The function that returns the held handle from the object
  /// (`bufferevent_getfd`); messages and fix-its name the slot with it.
  std::string Getter;
};

/// What a call does to the handle an object holds.
enum class HeldAccessKind {
  /// Stores a new handle, dropping the old one without closing it
  /// (`bufferevent_setfd(bev, fd)`).
  Set,
  /// Closes the old handle, then stores the new one
  /// (`bufferevent_replacefd(bev, fd)`).
  Replace,
  /// Returns the held handle (`bufferevent_getfd(bev)`).
  Get,
};

/// One function acting on a held handle: the object is its argument
/// ObjectArg; for Set and Replace, the new handle its argument ValueArg.
struct HeldAccess {
  const HeldSlot *Slot = nullptr;
  HeldAccessKind Kind = HeldAccessKind::Get;
  unsigned ObjectArg = 0;
  unsigned ValueArg = 1;
};

/// The set of families and function roles the check knows.
class HandleCatalog {
public:
  /// A catalog holding the built-in families (BuiltinFamilies.cpp) for
  /// which \p IsEnabled returns true (all when it is null).
  static HandleCatalog
  builtin(llvm::function_ref<bool(llvm::StringRef Id)> IsEnabled = nullptr);

  /// The identifiers of every built-in family, in table order.
  static std::vector<std::string> builtinFamilyIds();

  /// The role of \p Callee, or null when the catalog does not model it.
  /// Only free functions at global scope, in namespace std or with C
  /// linkage are modelled by name: a method named "close" is not ::close.
  /// Functions carrying clang's acquire/release/use_handle attributes are
  /// modelled from the attributes.
  const FunctionRole *roleOf(const FunctionDecl *Callee) const;

  /// The role registered under a plain function name (first variant).
  const FunctionRole *roleOf(llvm::StringRef Name) const;

  /// Names of every function that acquires a handle (for the matcher).
  std::vector<std::string> acquireFunctionNames() const;

  /// The family registered under \p Id, or null.
  const HandleFamily *family(llvm::StringRef Id) const;

  /// Adds (or replaces) a family; returns the stored copy.
  const HandleFamily *addFamily(HandleFamily Family);

  /// Registers \p Name as acquiring a handle of \p Family, as its result
  /// or, when \p OutParam >= 0, through that argument. \p WhenReturnType
  /// restricts the role to declarations returning that type name.
  FunctionRole &addAcquire(llvm::StringRef Name, const HandleFamily *Family,
                           llvm::StringRef Noun, int OutParam = -1,
                           unsigned OutCount = 1,
                           llvm::StringRef WhenReturnType = "");

  /// Registers \p Name as releasing its argument \p ArgIndex (a handle of
  /// \p Family, when known).
  void addRelease(llvm::StringRef Name, unsigned ArgIndex = 0,
                  const HandleFamily *Family = nullptr);

  /// The family whose handles \p Callee releases, if known.
  const HandleFamily *familyReleasedBy(const FunctionDecl *Callee) const;

  /// Registers \p Name as taking ownership of its argument \p ArgIndex.
  void addSink(llvm::StringRef Name, unsigned ArgIndex);

  /// Registers \p Name as taking ownership of every argument.
  void addSinkAllArguments(llvm::StringRef Name);

  /// Registers \p Name as only using the handles passed to it.
  void addUse(llvm::StringRef Name);

  /// Registers \p Name as returning its argument \p ArgIndex (an alias of
  /// a handle, not a new one).
  void addReturnsArgument(llvm::StringRef Name, unsigned ArgIndex);

  /// If \p Call returns one of its arguments, that argument.
  const Expr *returnedArgument(const CallExpr *Call) const;

  /// C++ connection objects (ConnectionObjects.cpp) --------------------------

  /// Methods that close a connection object ("close", "disconnect").
  void setReleaseMethods(llvm::ArrayRef<std::string> Methods);
  /// Methods that delete the object later (Qt's deleteLater()): calling
  /// one releases the object, and fix-its never delete it again.
  void setDeferredDeleteMethods(llvm::ArrayRef<std::string> Methods) {
    DeferredDeleteMethods.assign(Methods.begin(), Methods.end());
  }
  /// Declares \p QualifiedName a connection class, released by \p Methods
  /// (or by `delete` alone when empty).
  void addConnectionClass(llvm::StringRef QualifiedName,
                          llvm::ArrayRef<std::string> Methods);
  /// The role of `new T(...)` when T is a connection class, else null.
  const FunctionRole *roleOfNew(const CXXNewExpr *New) const;
  /// The role of objects of \p Class when it is a connection class.
  const FunctionRole *roleOfClass(const CXXRecordDecl *Class) const {
    return classRole(Class);
  }
  /// True when calling \p Method closes the object it is called on.
  bool isReleaseMethod(const CXXMethodDecl *Method) const;

  /// Declares a function that never returns although it is not declared
  /// so: a test framework's failure handler that jumps out (Unity's
  /// UnityFail). \p Name may be qualified ("::ns::fail").
  /// Declares \p Name a function whose call yields a family's invalid
  /// value (`_sock = socket_handle_invalid();`).
  void addInvalidValueFunction(llvm::StringRef Name) {
    InvalidValueFunctions.insert(Name);
  }
  /// True when \p E calls, with no arguments, a function declared with
  /// addInvalidValueFunction.
  bool isInvalidValueCall(const Expr *E) const;

  void addNoReturnFunction(llvm::StringRef Name) {
    Name = Name.ltrim(':');
    NoReturnFunctions.insert(Name);
    AnyQualifiedNoReturn |= Name.contains("::");
  }
  /// True when \p Call is declared noreturn or configured as such.
  bool isNoReturnCall(const CallExpr *Call) const;

  /// Whether `std::shared_ptr<T>` of a connection class T is a handle
  /// (another owner may keep the object alive after the overwrite).
  void setSharedPointerConnections(bool Enabled);
  /// Declares \p QualifiedName a value class whose assignment does not
  /// release the connection it holds.
  void addValueHandleClass(llvm::StringRef QualifiedName);
  /// The role describing class-typed storage of type \p T that holds a
  /// handle (a shared_ptr to a connection class, a value handle class), or
  /// null when such storage is not a handle.
  const FunctionRole *objectStorageRole(QualType T) const;

  /// Handles held inside library objects -------------------------------------

  /// Declares a held handle of \p Family read back with \p Getter; returns
  /// the stored copy.
  const HeldSlot *addHeldSlot(const HandleFamily *Family,
                              llvm::StringRef Getter);
  /// Declares \p Name as acting on the handle held by \p Access.Slot.
  void addHeldAccess(llvm::StringRef Name, const HeldAccess &Access);
  /// What \p Callee does to a held handle, or null. Only free functions
  /// are described by name (as for roleOf).
  const HeldAccess *heldAccessOf(const FunctionDecl *Callee) const;
  /// The held-handle access \p Call makes, when its object argument is
  /// there; null otherwise.
  const HeldAccess *heldAccessOf(const CallExpr *Call) const;

  /// Functions of the translation unit being checked ------------------------

  /// Records that \p Function, defined in the current translation unit,
  /// returns a fresh handle of \p Family (a wrapper around an acquisition,
  /// AcquirerInference.h). What callers pass it is assumed kept.
  void learnAcquirer(const FunctionDecl *Function, const HandleFamily *Family,
                     llvm::StringRef Noun);
  /// Forgets what was learnt: its declarations belong to a finished TU.
  void forgetLearnedRoles() {
    LearnedRoles.clear();
    NamedRoles.clear();
  }

  /// The acquisition role of \p E: a call to an acquiring function, a
  /// `new` of a connection class, or an expression creating a class-typed
  /// handle (std::make_shared<T>(), a value class's factory); null for
  /// anything else.
  const FunctionRole *acquisitionRole(const Expr *E) const;

private:
  /// The variant of \p Name for \p WhenReturnType, created if missing.
  FunctionRole &entry(llvm::StringRef Name, llvm::StringRef WhenReturnType);
  /// Every variant of \p Name (a general one is created if there is none).
  llvm::MutableArrayRef<FunctionRole> variantsOf(llvm::StringRef Name);
  const FunctionRole *roleFromAttributes(const FunctionDecl *Callee) const;

  /// Held slots own their storage; keys and accesses point into it.
  std::vector<std::unique_ptr<HeldSlot>> HeldSlots;
  llvm::StringMap<HeldAccess> HeldAccesses;
  /// Families own their storage; roles point into it, so never shrink.
  std::vector<std::unique_ptr<HandleFamily>> Families;
  /// Variants per name; the ones with WhenReturnType come first.
  llvm::StringMap<llvm::SmallVector<FunctionRole, 1>> Roles;
  /// Release function name -> the family it releases.
  llvm::StringMap<const HandleFamily *> ReleaseFamilies;
  /// Roles built from attributes, per declaration, built on first use.
  mutable llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionRole>>
      AttributeRoles;
  mutable llvm::StringMap<const HandleFamily *> AttributeFamilies;
  mutable std::vector<std::unique_ptr<HandleFamily>> OwnedSynthesizedFamilies;

  /// What the names in Roles say of each declaration asked about (the
  /// lookup builds qualified names; a TU asks about the same callees many
  /// times). Cleared whenever Roles or the translation unit changes.
  mutable llvm::DenseMap<const FunctionDecl *, const FunctionRole *> NamedRoles;
  const FunctionRole *roleByName(const FunctionDecl *Callee) const;

  /// Roles learnt from the current translation unit, per canonical
  /// declaration.
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionRole>>
      LearnedRoles;

  /// The release method \p Class (or a base) declares, or "" if none.
  std::string releaseMethodOf(const CXXRecordDecl *Class) const;

  std::vector<std::string> ReleaseMethods;
  std::vector<std::string> DeferredDeleteMethods;
  llvm::StringMap<std::vector<std::string>> ConnectionClasses;
  /// Roles of `new T`, per class (null: not a connection class).
  mutable llvm::DenseMap<const CXXRecordDecl *, std::unique_ptr<FunctionRole>>
      ClassRoles;
  bool SharedPointerConnections = false;
  llvm::StringSet<> ValueHandleClasses;
  /// Names (qualified ones without the leading "::") of NoReturnFunctions.
  llvm::StringSet<> NoReturnFunctions;
  llvm::StringSet<> InvalidValueFunctions;
  /// Whether some entry is qualified (then calls' qualified names count).
  bool AnyQualifiedNoReturn = false;
  /// Roles of class-typed storage, per canonical type.
  mutable llvm::DenseMap<const Type *, std::unique_ptr<FunctionRole>>
      ObjectStorageRoles;
  /// The role for `new T` (or null), without caching concerns.
  const FunctionRole *classRole(const CXXRecordDecl *Class) const;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HANDLEFAMILIES_H
