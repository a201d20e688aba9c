//===--- SummaryIndex.h - resource-tidy -----------------------------------===//
//
// Summaries of functions defined in other translation units. A close
// wrapper, a sink that overwrites its parameter or an acquiring helper in
// another file is otherwise "unknown code that may keep the handle". A
// first pass over the project writes, per translation unit, a shard with
// the summaries of the functions its main file defines (keyed by USR;
// RESOURCE_TIDY_SUMMARY_SHARDS names the directory, and nothing is
// checked);
// the shards are merged into one index file, which the checks read (the
// SummaryIndex option) when a callee has no body in the TU.
//
// The file is JSON, documented in docs/summary-index.md:
//   {"format": "resource-tidy-summaries", "version": 1,
//    "functions": [{"usr": ..., "name": ..., "file": ..., "line": ...,
//                   "acquires": {"family": ..., "noun": ...},
//                   "releases": {"fields": [...], "fieldsSometimes": [...],
//                                "globals": [...], "globalsSometimes": [...]},
//                   "parameters": [{"index": 0, "field": "fd",
//                                   "effect": "released"}, ...]}]}
// A missing, stale or unreadable entry means "unknown callee".
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_SUMMARYINDEX_H
#define RESOURCE_TIDY_SUMMARYINDEX_H

#include "engine/FunctionSummaries.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace clang::tidy::resource {

/// What a function of another file does to one parameter, or to one field
/// of the object a pointer parameter points to.
struct IndexedEffect {
  unsigned Param = 0;
  /// Empty for the parameter itself.
  std::string Field;
  ParameterEffect Effect = ParameterEffect::Unknown;
  /// For Overwritten and Acquires: where (possibly in a function it calls).
  ExternalSite Site;
  /// For Unknown: the only thing done with the handle is passing it to
  /// parameter ForwardParam of the function with this USR.
  std::string ForwardUSR;
  unsigned ForwardParam = 0;
};

/// One function's entry.
struct IndexedFunction {
  std::string USR;
  std::string Name;
  std::string File;
  unsigned Line = 0;
  /// A wrapper that returns a fresh handle of this family.
  std::string AcquiresFamily;
  std::string AcquiredNoun;
  /// Fields of `*this` (methods) and globals it releases.
  std::vector<std::string> FieldsAlwaysReleased, FieldsSometimesReleased;
  std::vector<std::string> GlobalsAlwaysReleased, GlobalsSometimesReleased;
  std::vector<IndexedEffect> Effects;
  /// Its body has compile errors: it may have done anything.
  bool Untrusted = false;
};

class SummaryIndex {
public:
  static constexpr unsigned FormatVersion = 1;
  static constexpr const char *FormatName = "resource-tidy-summaries";
  /// The "field" of an effect on what a pointer parameter points to.
  static constexpr llvm::StringLiteral PointeeField = "*";

  /// Reads the index at \p Path; shared by every check and TU that names
  /// the same unchanged file.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>>
  load(llvm::StringRef Path);
  static llvm::Expected<SummaryIndex> parse(llvm::StringRef Text);

  /// Adds \p Function; two different entries with one USR (two programs
  /// of a project defining the same name) cancel out: neither is trusted.
  void add(IndexedFunction Function);
  const IndexedFunction *find(llvm::StringRef USR) const;
  /// Whether some entry is for a function of this unqualified name: a
  /// cheap test before computing a declaration's USR.
  bool mayKnow(const FunctionDecl &Function) const;
  /// The same, for functions that return a fresh handle.
  bool mayKnowAcquirer(const FunctionDecl &Function) const;
  /// The effect on parameter \p Param (field \p Field) of \p USR,
  /// following functions that only pass it on; null when unknown.
  const IndexedEffect *effect(llvm::StringRef USR, unsigned Param,
                              llvm::StringRef Field) const;
  size_t size() const { return Functions.size(); }
  /// The index as JSON text (the format above).
  std::string serialize() const;

private:
  llvm::StringMap<IndexedFunction> Functions;
  llvm::StringSet<> Conflicting;
  /// Unqualified names of the entries, and of the acquirers among them.
  llvm::StringSet<> Names, AcquirerNames;
};

/// Where the shard of the translation unit whose main file is \p MainFile
/// goes in \p Directory: the FNV-1a hash of the file's absolute path, in
/// hex, `.json` (resource_tidy_index.py names it the same way).
std::string shardPath(llvm::StringRef Directory, llvm::StringRef MainFile);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_SUMMARYINDEX_H
