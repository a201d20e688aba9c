//===--- RunAgainNames.cpp - resource-tidy --------------------------------===//

#include "engine/RunAgainNames.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::resource {

RunAgainNames::RunAgainNames(std::string Pattern)
    : Pattern(std::move(Pattern)), IsDefault(this->Pattern == DefaultPattern),
      Compiled(IsDefault ? "" : this->Pattern) {}

bool RunAgainNames::matches(llvm::StringRef Name) const {
  if (IsDefault)
    return matchesDefaultRunAgainPattern(Name);
  return !Pattern.empty() && Compiled.isValid() && Compiled.match(Name);
}

/// `[A-Za-z0-9_]`
static bool isWordChar(char C) { return llvm::isAlnum(C) || C == '_'; }
/// `[A-Z_]`
static bool isUpperOrUnderscore(char C) { return llvm::isUpper(C) || C == '_'; }

/// `Prefix[A-Z_]...` (`onConnect`, `handle_read`).
static bool startsWithThenWord(llvm::StringRef Name, llvm::StringRef Prefix) {
  return Name.size() > Prefix.size() && Name.starts_with(Prefix) &&
         isUpperOrUnderscore(Name[Prefix.size()]);
}

bool matchesDefaultRunAgainPattern(llvm::StringRef Name) {
  if (Name.empty() || !llvm::all_of(Name, isWordChar))
    return false;
  if (startsWithThenWord(Name, "on") || startsWithThenWord(Name, "handle"))
    return true;
  for (llvm::StringRef Suffix :
       {"Handler", "handler", "_cb", "Callback", "callback"})
    if (Name.ends_with(Suffix))
      return true;
  for (llvm::StringRef Part : {"Reconnect", "reconnect", "Reload", "reload",
                               "Reopen", "reopen", "Retry", "retry"})
    if (Name.contains(Part))
      return true;
  return false;
}

} // namespace clang::tidy::resource
