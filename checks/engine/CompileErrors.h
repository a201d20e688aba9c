//===--- CompileErrors.h - resource-tidy ----------------------------------===//
//
// Where the compiler reported errors in the translation unit being checked.
//
// A parse error can drop a statement without a trace in the AST: while an
// editor user types `close(fd` the call is not there, and a function that
// closes its socket looks like it leaks it. RecoveryExpr marks only some
// repairs, so the check records the errors themselves and leaves alone any
// function they touch.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_COMPILEERRORS_H
#define RESOURCE_TIDY_COMPILEERRORS_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace clang {
class SourceManager;
} // namespace clang

namespace clang::tidy::resource {

/// The compiler's errors in one translation unit, as far as they matter for
/// trusting a function's AST.
struct CompileErrorSites {
  /// Locations of errors (not warnings promoted by -Werror).
  llvm::SmallVector<SourceLocation, 8> Errors;
  /// The first fatal error: the compiler reports nothing after it, so code
  /// after it may be broken without a recorded error.
  SourceLocation FirstFatal;
};

/// Records the errors a DiagnosticsEngine reports while it is attached, by
/// putting a forwarding consumer in front of the engine's own one.
class CompileErrorLog {
public:
  CompileErrorLog();
  CompileErrorLog(const CompileErrorLog &) = delete;
  CompileErrorLog &operator=(const CompileErrorLog &) = delete;
  ~CompileErrorLog();

  /// Starts recording what \p Diags reports; forgets earlier records.
  void attach(DiagnosticsEngine &Diags);
  /// Stops recording and gives the engine back its consumer; what was
  /// recorded stays available.
  void detach();
  /// Whether errors were recorded at all (attach was called).
  bool isRecording() const { return Active != nullptr || Detached; }

  /// Whether the code in \p Range (a function) may have been repaired by the
  /// parser: an error inside it, or a fatal error before it. Without records
  /// (the host never attached us), any error in the TU counts.
  bool touches(SourceRange Range, const SourceManager &SM);

private:
  class ForwardingRecorder;
  CompileErrorSites &sites();

  DiagnosticsEngine *Engine = nullptr;
  std::unique_ptr<ForwardingRecorder> Active;
  CompileErrorSites Kept;
  bool Detached = false;
  /// How many of sites().Errors are sorted in translation-unit order.
  size_t SortedErrors = 0;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_COMPILEERRORS_H
