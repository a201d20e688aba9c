//===--- LocalClosures.h - resource-tidy ----------------------------------===//
//
// A lambda kept in a local variable and only ever called there:
//
//   int fd = -1;
//   auto reconnect = [&fd] { fd = socket(AF_INET, SOCK_STREAM, 0); };
//   reconnect();
//   reconnect();   // the first socket leaks
//
// Its body is a function of its own, but everything it can do to what it
// captures by reference happens at those calls. So such a capture is not
// an escape, and each call applies the lambda's summary to the captured
// variables, as a call of a function with reference parameters would. A
// lambda that is copied, passed on or stored elsewhere may run anywhere,
// and what it captures by reference stays "may change at any time".
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_LOCALCLOSURES_H
#define RESOURCE_TIDY_LOCALCLOSURES_H

#include "llvm/ADT/DenseMap.h"

namespace clang {
class CallExpr;
class FunctionDecl;
class LambdaExpr;
class Stmt;
class VarDecl;
} // namespace clang

namespace clang::tidy::resource {

class LocalClosures {
public:
  /// The lambdas of \p Body stored in a local variable that is only ever
  /// called (not inside nested lambda bodies).
  static LocalClosures find(const Stmt *Body);

  /// True when \p Lambda is one of them.
  bool contains(const LambdaExpr *Lambda) const {
    return Variables.count(Lambda);
  }
  /// The lambda \p Call calls (`reconnect()`), if it is one of them.
  const LambdaExpr *calledBy(const CallExpr *Call) const;
  bool empty() const { return Variables.empty(); }

private:
  llvm::DenseMap<const LambdaExpr *, const VarDecl *> Variables;
  llvm::DenseMap<const VarDecl *, const LambdaExpr *> Lambdas;
};

/// True when \p Function is a lambda's call operator that captures \p Var
/// by reference.
bool capturesByReference(const FunctionDecl *Function, const VarDecl *Var);

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_LOCALCLOSURES_H
