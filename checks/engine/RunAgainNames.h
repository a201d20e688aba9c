//===--- RunAgainNames.h - resource-tidy ----------------------------------===//
//
// The names of functions that run again whoever calls them (the
// RunAgainFunctions option: handlers, callbacks, reconnect and reload
// routines). Every function definition of a TU is matched once; LLVM's
// regular expressions take microseconds per name on the default pattern,
// which on a TU of thousands of functions is a visible share of the check,
// so the default pattern is matched by code that does what it says.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_RUNAGAINNAMES_H
#define RESOURCE_TIDY_RUNAGAINNAMES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <string>

namespace clang::tidy::resource {

class RunAgainNames {
public:
  /// Handlers and callbacks (`onConnect`, `on_message`, `handleRead`,
  /// `read_cb`, `sigCallback`) and routines whose purpose is to redo
  /// something (`reconnect`, `reload_config`, `reopenLog`, `retry_send`).
  static constexpr const char *DefaultPattern =
      "^(on[A-Z_][A-Za-z0-9_]*|handle[A-Z_][A-Za-z0-9_]*"
      "|[A-Za-z0-9_]*([Hh]andler|_cb|[Cc]allback)"
      "|[A-Za-z0-9_]*([Rr]econnect|[Rr]eload|[Rr]eopen|[Rr]etry)"
      "[A-Za-z0-9_]*)$";

  /// \p Pattern is a regular expression matched against the whole
  /// unqualified name (checked valid by the check that read it); an empty
  /// one matches nothing.
  explicit RunAgainNames(std::string Pattern);

  bool matches(llvm::StringRef Name) const;

private:
  std::string Pattern;
  bool IsDefault;
  llvm::Regex Compiled;
};

/// What DefaultPattern matches, without a regular expression engine.
bool matchesDefaultRunAgainPattern(llvm::StringRef Name);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_RUNAGAINNAMES_H
