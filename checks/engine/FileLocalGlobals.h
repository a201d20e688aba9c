//===--- FileLocalGlobals.h - resource-tidy -------------------------------===//
//
// A global only this file can name (`static int g_transfer_fd;`), which the
// file stores handles into but never closes, passes on or copies, only
// tests it and gives it to functions that use a handle (`send`, `fprintf`):
// nothing can ever close what it holds. Resetting it (`g_transfer_fd =
// -1;` in a callback after a failed transfer) loses the handle for good, as
// an overwrite does. A file-local global that one function only reads out
// carries a handle to it, as an argument would.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_FILELOCALGLOBALS_H
#define RESOURCE_TIDY_FILELOCALGLOBALS_H

#include "catalog/HandleFamilies.h"
#include "clang/AST/ASTContext.h"
#include <memory>

namespace clang::tidy::resource {

/// True when \p Global has internal linkage (or is a static local) and
/// every mention of it in \p Ctx's translation unit stores into it, tests
/// it, or passes it to a function \p Catalog says only uses the handle.
/// Every file-local global is sorted in one walk of the translation unit,
/// on first need, kept until forgetFileLocalGlobals().
bool isNeverHandedOver(const VarDecl *Global, const ASTContext &Ctx,
                       const HandleCatalog &Catalog);

/// True when \p Reader is the only function of the translation unit that
/// reads the file-local \p Global other than to test or use it (`FILE
/// *data = g_pending;`): the global only carries a handle to it, like an
/// argument (Juliet's variant 45).
bool isMailboxOf(const VarDecl *Global, const FunctionDecl *Reader,
                 const ASTContext &Ctx, const HandleCatalog &Catalog);

/// The one function (canonical) of the translation unit that reads the
/// file-local \p Global out, if there is exactly one (see isMailboxOf).
const FunctionDecl *mailboxReader(const VarDecl *Global, const ASTContext &Ctx,
                                  const HandleCatalog &Catalog);

/// Drops the cache (a new translation unit starts).
void forgetFileLocalGlobals();

/// Sorts the mentions of the file-local globals while another walk of the
/// whole translation unit goes by (the holder evidence's), so that the
/// queries above need no walk of their own. The walk must report every
/// statement before its children, as a RecursiveASTVisitor meets them.
class FileLocalMentions {
public:
  /// Null when the queries of \p Ctx's translation unit are answered
  /// already.
  static std::unique_ptr<FileLocalMentions>
  startIfNeeded(const ASTContext &Ctx, const HandleCatalog &Catalog);
  ~FileLocalMentions();

  /// The walk enters the body of \p Function (canonical); returns the
  /// function it was in, for leaveFunction.
  const FunctionDecl *enterFunction(const FunctionDecl *Function);
  void leaveFunction(const FunctionDecl *Outer);
  /// The walk meets \p S.
  void visit(const Stmt *S);
  /// A declaration the walk does not enter (a function with compile
  /// errors): its mentions count all the same.
  void walkSkipped(Decl *D);
  /// The walk is over: the queries above use what it saw.
  void finish();

  struct State;

private:
  FileLocalMentions(const ASTContext &Ctx, const HandleCatalog &Catalog);
  std::unique_ptr<State> Sorted;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_FILELOCALGLOBALS_H
