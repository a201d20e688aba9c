//===--- SummaryIndex.h - resource-tidy -----------------------------------===//
//
// Summaries of functions defined in other translation units. A close
// wrapper, a sink that overwrites its parameter or an acquiring helper in
// another file is otherwise "unknown code that may keep the handle". Each
// translation unit of a project writes a shard with the summaries of the
// functions its main file defines (keyed by USR; RESOURCE_TIDY_SUMMARY_SHARDS
// names the directory), alone or while it is checked; the shards are
// merged into one index file, which the checks read (the SummaryIndex
// option) when a callee has no body in the TU.
//
// The file is JSON lines, documented in docs/summary-index.md: a header
//   {"format":"resource-tidy-summaries","version":2}
// then one function per line, its name and USR first:
//   {"name":...,"usr":...,"acquires":{"family":...,"noun":...},
//    "file":...,"line":...,
//    "releases":{"fields":[...],"fieldsSometimes":[...],
//                "globals":[...],"globalsSometimes":[...]},
//    "parameters":[{"index":0,"field":"fd","effect":"released"},...]}
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
#include <mutex>
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

/// What one TU's check asked about functions it calls but does not define
/// while no index could answer (checking and indexing in one pass): the
/// unqualified names of those whose summaries it asked for, and of those
/// that would be acquirers if the index said so. The file's findings can
/// change only if the merged index has an entry under one of these names.
struct ShardWants {
  llvm::StringSet<> Summaries, Acquirers;
};

class SummaryIndex {
public:
  static constexpr unsigned FormatVersion = 2;
  static constexpr const char *FormatName = "resource-tidy-summaries";
  /// The "field" of an effect on what a pointer parameter points to.
  static constexpr llvm::StringLiteral PointeeField = "*";

  /// Reads the index at \p Path; shared by every check and TU that names
  /// the same unchanged file.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>>
  load(llvm::StringRef Path);
  /// Reads the header and each entry's name and USR; an entry is parsed
  /// when find() first asks for it.
  static llvm::Expected<SummaryIndex> parse(llvm::StringRef Text);

  /// Adds \p Function; two different entries with one USR (two programs
  /// of a project defining the same name) cancel out: neither is trusted.
  void add(IndexedFunction Function);
  /// Null when unknown, or when its line in the file is malformed.
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
  /// The index as text (the format above); a shard written while
  /// checking adds \p Wants to its header (`"wants": {"summaries": [...],
  /// "acquirers": [...]}`).
  std::string serialize(const ShardWants *Wants = nullptr) const;

private:
  struct Entry {
    /// The entry's line in Text, until it is parsed.
    llvm::StringRef Line;
    mutable std::unique_ptr<IndexedFunction> Parsed;
    mutable bool Tried = false;
  };
  void addEntry(llvm::StringRef USR, llvm::StringRef Name, bool Acquires,
                Entry New);
  void addLine(llvm::StringRef Line, llvm::StringRef USR, llvm::StringRef Name,
               bool Acquires);

  /// The file's text, which unparsed entries point into.
  std::unique_ptr<std::string> Text;
  llvm::StringMap<Entry> Functions;
  llvm::StringSet<> Conflicting;
  /// Unqualified names of the entries, and of the acquirers among them.
  llvm::StringSet<> Names, AcquirerNames;
  /// clangd's threads share one loaded index.
  std::unique_ptr<std::mutex> ParseLock = std::make_unique<std::mutex>();
};

/// Where the shard of the translation unit whose main file is \p MainFile
/// goes in \p Directory: the FNV-1a hash of the file's absolute path, in
/// hex, `.json` (resource_tidy_index.py names it the same way).
std::string shardPath(llvm::StringRef Directory, llvm::StringRef MainFile);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_SUMMARYINDEX_H
