//===--- ReleaseFixIt.cpp - resource-tidy ---------------------------------===//

#include "common/ReleaseFixIt.h"
#include "engine/HandleContainers.h"
#include "engine/HandleExprs.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>

namespace clang::tidy::resource {

namespace {

/// Where the assignment sits as a statement.
struct StatementSite {
  const Stmt *Statement = nullptr;
  /// True when the statement is the unbraced body of if/else/loop, so the
  /// inserted release needs braces to stay under the same control.
  bool NeedsBraces = false;
};

/// The statement whose only job is the assignment, or nullopt if the
/// assignment is part of a larger expression or a condition.
std::optional<StatementSite> findStatementSite(const Stmt &Root,
                                               const ParentMap &Parents) {
  const Stmt *Current = &Root;
  while (true) {
    const Stmt *Parent = Parents.getParent(Current);
    if (!Parent)
      return std::nullopt;
    if (isa<ParenExpr, ExprWithCleanups>(Parent)) {
      Current = Parent;
      continue;
    }
    if (isa<CompoundStmt>(Parent))
      return StatementSite{Current, false};
    if (const auto *Case = dyn_cast<SwitchCase>(Parent))
      return Case->getSubStmt() == Current
                 ? std::optional(StatementSite{Current, false})
                 : std::nullopt;
    if (const auto *Label = dyn_cast<LabelStmt>(Parent))
      return Label->getSubStmt() == Current
                 ? std::optional(StatementSite{Current, false})
                 : std::nullopt;
    const Stmt *Body = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(Parent)) {
      if (If->getThen() == Current || If->getElse() == Current)
        Body = Current;
    } else if (const auto *While = dyn_cast<WhileStmt>(Parent)) {
      Body = While->getBody();
    } else if (const auto *For = dyn_cast<ForStmt>(Parent)) {
      Body = For->getBody();
    } else if (const auto *Do = dyn_cast<DoStmt>(Parent)) {
      Body = Do->getBody();
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent)) {
      Body = Range->getBody();
    }
    if (Body == Current)
      return StatementSite{Current, true};
    return std::nullopt;
  }
}

/// True when \p Name is declared in \p DC itself or, for classes, in a base;
/// such a declaration hides the global function of that name.
bool declaresName(const DeclContext *DC, DeclarationName Name,
                  unsigned Depth = 0) {
  if (Depth > 8)
    return true; // Be conservative in absurd hierarchies.
  if (!DC->lookup(Name).empty())
    return true;
  const auto *Record = dyn_cast<CXXRecordDecl>(DC);
  if (!Record || !Record->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    const CXXRecordDecl *BaseDecl = Base.getType()->getAsCXXRecordDecl();
    if (!BaseDecl || declaresName(BaseDecl, Name, Depth + 1))
      return true;
  }
  return false;
}

/// The first function in \p Result declared before \p Use, or null.
const FunctionDecl *functionDeclaredBefore(DeclContextLookupResult Result,
                                           SourceLocation Use,
                                           const SourceManager &SM) {
  for (const NamedDecl *D : Result) {
    const auto *FD = dyn_cast<FunctionDecl>(D->getUnderlyingDecl());
    if (!FD)
      continue;
    for (const FunctionDecl *Redecl : FD->redecls())
      if (SM.isBeforeInTranslationUnit(Redecl->getLocation(), Use))
        return FD;
  }
  return nullptr;
}

/// True when a parameter or local declaration named \p Name in \p Function
/// (or a function enclosing it, for a lambda) is visible at \p Use and
/// hides the global function: `int close = 0; ... close(fd)`.
bool hiddenByLocal(DeclarationName Name, const FunctionDecl &Function,
                   SourceLocation Use, const SourceManager &SM) {
  for (const DeclContext *DC = &Function; DC; DC = DC->getParent()) {
    if (!isa<FunctionDecl, BlockDecl>(DC) &&
        !(isa<CXXRecordDecl>(DC) && cast<CXXRecordDecl>(DC)->isLambda()))
      break;
    for (const Decl *D : DC->decls())
      if (const auto *Named = dyn_cast<NamedDecl>(D);
          Named && Named->getDeclName() == Name && !isa<FunctionDecl>(Named) &&
          SM.isBeforeInTranslationUnit(Named->getLocation(), Use))
        return true;
  }
  return false;
}

/// A release function that takes the handle alone: `close(fd)`.
bool takesHandleAlone(const FunctionDecl &Release) {
  return Release.getMinRequiredArguments() <= 1 &&
         (Release.getNumParams() >= 1 || Release.isVariadic());
}

/// How to spell a call to the global function \p Name at \p Function so it
/// names the library function, or nullopt if it is not declared there,
/// cannot be named there, or does not take the handle alone.
std::optional<std::string>
spellReleaseFunction(llvm::StringRef Name, const FunctionDecl &Function,
                     SourceLocation Use, ASTContext &Ctx,
                     UnfitReleaseHandler OnUnfitRelease) {
  const SourceManager &SM = Ctx.getSourceManager();
  DeclarationName DeclName(&Ctx.Idents.get(Name));
  const TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
  auto Fits = [&](const FunctionDecl *Release) {
    if (takesHandleAlone(*Release))
      return true;
    if (OnUnfitRelease)
      OnUnfitRelease(*Release);
    return false;
  };
  if (const FunctionDecl *Global =
          functionDeclaredBefore(TU->lookup(DeclName), Use, SM)) {
    if (!Fits(Global))
      return std::nullopt;
    bool Hidden = hiddenByLocal(DeclName, Function, Use, SM);
    if (!Ctx.getLangOpts().CPlusPlus)
      // C has no way to name the global function past a local one.
      return Hidden ? std::nullopt : std::optional(Name.str());
    if (Hidden)
      return ("::" + Name).str();
    // A member or namespace function of the same name would be found first.
    for (const DeclContext *DC = Function.getDeclContext(); DC && DC != TU;
         DC = DC->getParent())
      if ((isa<CXXRecordDecl>(DC) || isa<NamespaceDecl>(DC)) &&
          declaresName(DC, DeclName))
        return ("::" + Name).str();
    return Name.str();
  }
  if (!Ctx.getLangOpts().CPlusPlus)
    return std::nullopt;
  // <cstdio> may only declare std::fclose.
  for (const NamedDecl *D : TU->lookup(DeclarationName(&Ctx.Idents.get("std"))))
    if (const auto *Std = dyn_cast<NamespaceDecl>(D))
      if (const FunctionDecl *InStd =
              functionDeclaredBefore(Std->lookup(DeclName), Use, SM))
        return Fits(InStd) ? std::optional(("std::" + Name).str())
                           : std::nullopt;
  return std::nullopt;
}

/// True when \p Function may call \p Member of \p Class: public, or
/// \p Function is a member of that class.
bool isAccessibleFrom(const CXXMethodDecl &Member, const CXXRecordDecl &Class,
                      const FunctionDecl &Function) {
  if (Member.getAccess() == AS_public || Member.getAccess() == AS_none)
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return Method &&
         Method->getParent()->getCanonicalDecl() == Class.getCanonicalDecl();
}

/// True when `Object->Method(); delete Object;` can be written in
/// \p Function for an object of pointer type \p Type: the destructor is
/// accessible and not deleted, and so is the release method, if any.
bool canDeleteObject(QualType Type, llvm::StringRef Method,
                     const FunctionDecl &Function) {
  const CXXRecordDecl *Class =
      Type.isNull() ? nullptr : Type->getPointeeCXXRecordDecl();
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  if (const CXXDestructorDecl *Dtor = Class->getDestructor())
    if (Dtor->isDeleted() || !isAccessibleFrom(*Dtor, *Class, Function))
      return false;
  if (Method.empty())
    return true;
  ASTContext &Ctx = Class->getASTContext();
  DeclarationName Name(&Ctx.Idents.get(Method));
  // The release method as lookup finds it, in the class or a base.
  llvm::SmallVector<const CXXRecordDecl *, 4> Work{Class};
  for (unsigned I = 0; I < Work.size() && I < 16; ++I) {
    const CXXRecordDecl *Each = Work[I];
    for (const NamedDecl *D : Each->lookup(Name))
      if (const auto *Found = dyn_cast<CXXMethodDecl>(D->getUnderlyingDecl()))
        return !Found->isDeleted() && isAccessibleFrom(*Found, *Each, Function);
    if (Each->hasDefinition())
      for (const CXXBaseSpecifier &Base : Each->getDefinition()->bases())
        if (const CXXRecordDecl *BaseDecl =
                Base.getType()->getAsCXXRecordDecl())
          if (BaseDecl->hasDefinition()) {
            // A private base's members are out of reach from outside.
            if (Base.getAccessSpecifier() != AS_public &&
                !isa<CXXMethodDecl>(&Function))
              return false;
            Work.push_back(BaseDecl->getDefinition());
          }
  }
  return false;
}

/// The whitespace that precedes \p Loc on its line, or nullopt when other
/// code precedes it there.
std::optional<llvm::StringRef> indentationBefore(SourceLocation Loc,
                                                 const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return std::nullopt;
  unsigned LineStart = Offset;
  while (LineStart > 0 && Buffer[LineStart - 1] != '\n' &&
         Buffer[LineStart - 1] != '\r')
    --LineStart;
  llvm::StringRef Prefix = Buffer.slice(LineStart, Offset);
  if (Prefix.find_first_not_of(" \t") != llvm::StringRef::npos)
    return std::nullopt;
  return Prefix;
}

/// True when \p Name is usable at the end of the TU: a macro or a
/// declaration at global scope.
bool isSpellable(llvm::StringRef Name, ASTContext &Ctx) {
  // `chan_none()`: the function must be declared.
  Name.consume_back("()");
  IdentifierInfo &II = Ctx.Idents.get(Name);
  return II.hasMacroDefinition() ||
         !Ctx.getTranslationUnitDecl()->lookup(DeclarationName(&II)).empty();
}

/// `release(handle);` (or `handle->close(); delete handle;` for objects),
/// behind the family's validity test when needed, or nullopt when the test
/// cannot be spelled here.
std::optional<std::string> releaseStatement(llvm::StringRef Release,
                                            const ReleaseAction &Action,
                                            llvm::StringRef Separator,
                                            const FunctionDecl &Function,
                                            ASTContext &Ctx) {
  llvm::StringRef Handle = Action.Handle;
  const HandleFamily &Family = *Action.Family;
  // The statements that release: `close(fd);`, `ws->close(); delete ws;`,
  // `conn.close();`.
  llvm::SmallVector<std::string, 2> Parts;
  if (!Family.ObjectAccess.empty()) {
    if (Family.ReleaseMethod.empty())
      return std::nullopt;
    Parts.push_back(
        (Handle + Family.ObjectAccess + Family.ReleaseMethod + "();").str());
  } else if (Family.DeleteObject) {
    if (!canDeleteObject(Action.Type, Family.ReleaseMethod, Function))
      return std::nullopt;
    if (!Family.ReleaseMethod.empty())
      Parts.push_back((Handle + "->" + Family.ReleaseMethod + "();").str());
    Parts.push_back(("delete " + Handle + ";").str());
  } else {
    Parts.push_back((Release + "(" + Handle + ");").str());
  }
  if (!Action.NeedsGuard)
    return llvm::join(Parts, Separator);
  // Behind a guard, several statements need braces.
  std::string Call =
      Parts.size() == 1 ? Parts.front() : "{ " + llvm::join(Parts, " ") + " }";
  std::string Test;
  switch (Action.Family->Invalid) {
  case InvalidValueKind::NegativeInteger:
    Test = (Handle + " >= 0").str();
    break;
  case InvalidValueKind::NullPointer:
    Test = Handle.str();
    break;
  case InvalidValueKind::Sentinel:
    if (!isSpellable(Action.Family->InvalidSpelling, Ctx))
      return std::nullopt;
    Test = (Handle + " != " + Action.Family->InvalidSpelling).str();
    break;
  case InvalidValueKind::Inferred:
    Test = Action.IsPointer ? Handle.str() : (Handle + " >= 0").str();
    break;
  }
  return "if (" + Test + ") " + Call;
}

/// The statements releasing each of \p Releases at \p Use, joined by
/// \p Separator, or nullopt when one of them cannot be written there.
std::optional<llvm::SmallVector<std::string, 2>>
releaseStatements(llvm::ArrayRef<ReleaseAction> Releases,
                  llvm::StringRef Separator, SourceLocation Use,
                  const FunctionDecl &Function, ASTContext &Ctx,
                  UnfitReleaseHandler OnUnfitRelease) {
  llvm::SmallVector<std::string, 2> Statements;
  for (const ReleaseAction &Action : Releases) {
    if (Action.Handle.empty())
      return std::nullopt;
    std::optional<std::string> Release;
    if (!Action.Family->DeleteObject && Action.Family->ObjectAccess.empty()) {
      if (Action.Family->ReleaseFunction.empty())
        return std::nullopt;
      Release = spellReleaseFunction(Action.Family->ReleaseFunction, Function,
                                     Use, Ctx, OnUnfitRelease);
      if (!Release)
        return std::nullopt;
    }
    std::optional<std::string> Statement = releaseStatement(
        Release.value_or(""), Action, Separator, Function, Ctx);
    if (!Statement)
      return std::nullopt;
    Statements.push_back(std::move(*Statement));
  }
  return Statements;
}

} // namespace

std::optional<ReleaseAction> releaseActionFor(const StorageKey &Storage,
                                              HandleStateSet Bits,
                                              const HandleFamily *Family,
                                              const ASTContext &Ctx) {
  if (!Family || (Bits & ~(FixableStates | Inherited)) != 0)
    return std::nullopt;
  // A std::optional is released through `*o` after testing it holds a
  // value: no fix is offered rather than a release of the wrong thing.
  if (isOptionalHandle(Storage.type(Ctx)))
    return std::nullopt;
  // A container of handles has no one release to insert.
  if (Storage.Var && !Storage.Field && Storage.Index < 0 &&
      !containerElementType(Storage.wholeType()).isNull())
    return std::nullopt;
  // Guard when some path is known to hold the invalid value, when an
  // unchecked acquisition may have failed and the release cannot take the
  // invalid value (fclose(NULL) crashes, close(-1) is harmless), and always
  // for a value from an earlier call, which may be anything.
  bool NeedsGuard = (Bits & (KnownInvalidStates | Inherited)) ||
                    ((Bits & OpenUnchecked) && !Family->ReleaseAcceptsInvalid);
  QualType Type = Storage.type(Ctx);
  return ReleaseAction{Storage.spelling(), Family, NeedsGuard,
                       Type->isAnyPointerType(), Type};
}

llvm::SmallVector<FixItHint, 2>
buildReleaseAtBlockEnd(const CompoundStmt &Block,
                       llvm::ArrayRef<ReleaseAction> Releases,
                       const FunctionDecl &Function, ASTContext &Ctx,
                       UnfitReleaseHandler OnUnfitRelease) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Brace = Block.getRBracLoc();
  if (Releases.empty() || Brace.isInvalid() || Brace.isMacroID())
    return {};
  // `}` on a line of its own: the releases go on lines of their own, as
  // indented as the block's first statement (or one level deeper than the
  // brace); after other code on the line, they go inline.
  std::optional<llvm::StringRef> BraceIndent = indentationBefore(Brace, SM);
  std::string Indent, Separator = " ";
  if (BraceIndent) {
    std::optional<llvm::StringRef> First;
    if (!Block.body_empty() && !Block.body_front()->getBeginLoc().isMacroID())
      First = indentationBefore(Block.body_front()->getBeginLoc(), SM);
    Indent = First ? First->str() : BraceIndent->str() + "  ";
    Separator = "\n" + Indent;
  }
  std::optional<llvm::SmallVector<std::string, 2>> Statements =
      releaseStatements(Releases, Separator, Brace, Function, Ctx,
                        OnUnfitRelease);
  if (!Statements)
    return {};
  if (!BraceIndent)
    return {
        FixItHint::CreateInsertion(Brace, llvm::join(*Statements, " ") + " ")};
  SourceLocation LineStart =
      Brace.getLocWithOffset(-static_cast<int>(BraceIndent->size()));
  return {FixItHint::CreateInsertion(
      LineStart, Indent + llvm::join(*Statements, Separator) + "\n")};
}

llvm::SmallVector<FixItHint, 2>
buildReleaseFix(const Stmt &Root, SourceLocation SiteLoc,
                llvm::ArrayRef<ReleaseAction> Releases,
                const FunctionDecl &Function, const ParentMap &Parents,
                ASTContext &Ctx, UnfitReleaseHandler OnUnfitRelease) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Releases.empty())
    return {};
  std::optional<StatementSite> Site = findStatementSite(Root, Parents);
  if (!Site)
    return {};
  // The statement must be written in the file: a macro argument on the
  // right (`fp = NULL`) is fine, a statement made by a macro is not.
  SourceLocation Begin = Site->Statement->getBeginLoc();
  if (Begin.isInvalid() || Begin.isMacroID() || SiteLoc.isMacroID())
    return {};
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Site->Statement->getSourceRange()), SM,
      Ctx.getLangOpts());
  if (Range.isInvalid())
    return {};
  // On its own line with the statement's indentation, or inline when other
  // code precedes the statement on its line (or inside added braces).
  std::optional<llvm::StringRef> Indent = indentationBefore(Begin, SM);
  std::string Separator = " ";
  if (Indent && !Site->NeedsBraces)
    Separator = "\n" + Indent->str();

  std::optional<llvm::SmallVector<std::string, 2>> Statements =
      releaseStatements(Releases, Separator, Begin, Function, Ctx,
                        OnUnfitRelease);
  if (!Statements)
    return {};

  if (Site->NeedsBraces) {
    // The `;` follows the statement's last token (or the macro holding it).
    SourceLocation LastToken =
        SM.getExpansionRange(Site->Statement->getEndLoc()).getEnd();
    SourceLocation AfterSemi = Lexer::findLocationAfterToken(
        LastToken, tok::semi, SM, Ctx.getLangOpts(),
        /*SkipTrailingWhitespaceAndNewLine=*/false);
    if (AfterSemi.isInvalid())
      return {};
    return {FixItHint::CreateInsertion(
                Begin, "{ " + llvm::join(*Statements, " ") + " "),
            FixItHint::CreateInsertion(AfterSemi, " }")};
  }
  return {FixItHint::CreateInsertion(Begin, llvm::join(*Statements, Separator) +
                                                Separator)};
}

} // namespace clang::tidy::resource
