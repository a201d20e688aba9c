//===--- CatalogOptions.h - resource-tidy ---------------------------------===//
//
// The check options that shape the catalog, and their parser. Options are
// `;`-separated lists, as everywhere in clang-tidy. A malformed entry is
// reported (option, entry, reason) and skipped; the rest still applies.
//
//   BuiltinFamilies:   all | none | id;id;...        (which built-ins to keep)
//   Families:          acquirers -> releasers [attributes]; ...
//       acquirers      name[@N], ...   @N: handle written through argument N
//       releasers      name[@N], ...   @N: argument released (default 0)
//       attributes     invalid=negative|null|<NAME>|<NAME>(), accepts-invalid,
//                      noun=<words>
//   HeldHandles:       getter -> releaser [attributes]; ...  a handle a
//                      library object holds (HeldSlot), read by getter(obj)
//       attributes     set=name[@N], replace=name[@N] (store argument N,
//                      default 1, into the object, argument 0; replace
//                      closes the old one first), invalid=negative|null,
//                      accepts-invalid, noun=<words>
//   UseFunctions:      name;...     only use the handles passed to them
//   SinkFunctions:     name[@N];... take ownership of argument N (all if no @)
//   ReleaseMethods:    close;...    methods that close a C++ connection object
//   DeferredDeleteMethods: deleteLater;...  methods that delete it later
//   ConnectionClasses: Name[=method,method];...  classes whose objects made
//                      with `new` are handles even without a release method
//   ValueHandleClasses: Name;...  value classes whose assignment does not
//                      release the connection they hold
//   SharedPointerConnections: true|false  std::shared_ptr<T> of a connection
//                      class is a handle
//   NoReturnFunctions: name;...   functions that never return although not
//                      declared noreturn (test frameworks' failure handlers)
//
// Names may be qualified ("::mylib::connect") for functions outside the
// global namespace.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_CATALOGOPTIONS_H
#define RESOURCE_TIDY_CATALOGOPTIONS_H

#include "catalog/HandleFamilies.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>

namespace clang::tidy::resource {

/// The option values, as read from the configuration.
struct CatalogOptions {
  std::string BuiltinFamilies = "all";
  std::string Families;
  std::string HeldHandles;
  std::string UseFunctions;
  std::string SinkFunctions;
  std::string ReleaseMethods = "close;disconnect;shutdown";
  /// Methods that schedule the object's deletion (Qt's deleteLater): a
  /// release after which nothing may delete the object again.
  std::string DeferredDeleteMethods = "deleteLater";
  std::string ConnectionClasses;
  std::string ValueHandleClasses;
  bool SharedPointerConnections = false;
  /// Unity's and cmocka's failure handlers jump out of the test.
  std::string NoReturnFunctions = "UnityFail;_fail";
};

/// Receives one malformed entry: the option's name, the entry, the reason.
using OptionProblemHandler = llvm::function_ref<void(
    llvm::StringRef Option, llvm::StringRef Entry, llvm::StringRef Reason)>;

/// The catalog \p Options describe. Malformed entries go to \p Report.
HandleCatalog buildCatalog(const CatalogOptions &Options,
                           OptionProblemHandler Report);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_CATALOGOPTIONS_H
