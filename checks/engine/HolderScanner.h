//===--- HolderScanner.h - resource-tidy ----------------------------------===//
//
// The walk of HandleHolders::collect: every body of the translation unit
// once, noting which fields and globals receive acquisitions, what is
// released and reset, and how often and from where each function is
// called (what runs again). On the way it sorts the file-local globals'
// mentions (FileLocalGlobals.h) and notes the bodies the check's pre-pass
// would find nothing in (TrackingTriggers.h). Only HandleHolders.cpp
// includes it.
//
//===----------------------------------------------------------------------===//

#ifndef RESOURCE_TIDY_HOLDERSCANNER_H
#define RESOURCE_TIDY_HOLDERSCANNER_H

#include "engine/FileLocalGlobals.h"
#include "engine/HandleExprs.h"
#include "engine/HandleHolders.h"
#include "engine/StorageWrites.h"
#include "engine/TrackedStorage.h"
#include "engine/TrackingTriggers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <utility>

namespace clang::tidy::resource {

class HolderScanner : public RecursiveASTVisitor<HolderScanner> {
public:
  HolderScanner(ASTContext &Ctx, const HandleCatalog &Catalog,
                HandleHolders &Result,
                llvm::function_ref<bool(const FunctionDecl *)> IsDamaged,
                const RunAgainNames *RunAgain, FileLocalMentions *Mentions,
                QuietBodies *Quiet)
      : Ctx(Ctx), Catalog(Catalog), Result(Result), IsDamaged(IsDamaged),
        RunAgain(RunAgain), Mentions(Mentions), Quiet(Quiet) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // Types hold nothing the analysis needs (only unevaluated expressions).
  bool TraverseTypeLoc(TypeLoc, bool = true) { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool TraverseDecl(Decl *D) {
    // Library headers say nothing about the user's storage.
    if (D && !isa<TranslationUnitDecl>(D) &&
        Ctx.getSourceManager().isInSystemHeader(D->getLocation())) {
      if (Quiet)
        Quiet->skipped();
      return true;
    }
    const auto *Function = dyn_cast_or_null<FunctionDecl>(D);
    if (Function && Function->doesThisDeclarationHaveABody() &&
        IsDamaged(Function)) {
      if (Mentions)
        Mentions->walkSkipped(D);
      if (Quiet)
        Quiet->skipped();
      return true;
    }
    if (Function && Function->doesThisDeclarationHaveABody() && RunAgain &&
        Function->getIdentifier() && RunAgain->matches(Function->getName()))
      Result.NamedToRunAgain.insert(Function->getCanonicalDecl());
    // Stores are attributed to the function whose body holds them; those
    // in other declarations (global initializers, in-class initializers,
    // ObjC methods) to no function.
    if (!D || !isa<FunctionDecl, ObjCMethodDecl, VarDecl, FieldDecl>(D) ||
        (isa<VarDecl, FieldDecl>(D) && D->getParentFunctionOrMethod()))
      return RecursiveASTVisitor::TraverseDecl(D);
    const FunctionDecl *Outer = nullptr;
    bool Body = Function && Function->doesThisDeclarationHaveABody();
    if (Mentions && Body)
      Outer = Mentions->enterFunction(Function->getCanonicalDecl());
    QuietBodies::Outer OuterBody{};
    if (Quiet && Body)
      OuterBody = Quiet->enter(Function);
    bool Continue =
        withWriter(Function ? Function->getCanonicalDecl() : nullptr,
                   [&] { return RecursiveASTVisitor::TraverseDecl(D); });
    if (Quiet && Body)
      Quiet->leave(Function, OuterBody);
    if (Mentions && Body)
      Mentions->leaveFunction(Outer);
    return Continue;
  }

  // A lambda's body runs when the lambda is called, not with its function.
  // One handed anywhere but a local variable (a callback, a
  // std::function, a handler table) may be called any number of times.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    if (Quiet)
      Quiet->visitLambda(Lambda);
    if (!LocalClosureLambdas.contains(Lambda) &&
        !RunOnceLambdas.contains(Lambda))
      if (const CXXMethodDecl *Call = Lambda->getCallOperator())
        Result.AddressTaken.insert(Call->getCanonicalDecl());
    return withWriter(nullptr, [&] {
      return RecursiveASTVisitor::TraverseLambdaExpr(Lambda);
    });
  }
  bool TraverseBlockExpr(BlockExpr *Block) {
    return withWriter(
        nullptr, [&] { return RecursiveASTVisitor::TraverseBlockExpr(Block); });
  }

  // Calls are visited before their arguments: out-arguments are known
  // when `&g_fd` is seen.
  bool VisitStmt(Stmt *S) {
    llvm::SmallVector<StorageWrite, 2> Writes = writesOf(S, Catalog);
    for (const StorageWrite &Write : Writes)
      noteWrite(Write);
    if (Quiet)
      Quiet->visit(S, Writes);
    if (Mentions)
      Mentions->visit(S);
    return true;
  }

  // `struct conn c = {.fd = socket(...)};` stores into field fd.
  bool VisitInitListExpr(InitListExpr *List) {
    const RecordDecl *Record = List->getType()->getAsRecordDecl();
    if (!Record || Record->isUnion() || List->isTransparent())
      return true;
    unsigned I = 0;
    for (const FieldDecl *Field : Record->fields()) {
      if (I >= List->getNumInits())
        break;
      noteStore(StorageKey{nullptr, -1, Field}, List->getInit(I++));
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    // Declared in a loop's body: a new object on every iteration.
    if (!LoopLocals.empty() && Var->isLocalVarDecl() && !Var->isStaticLocal())
      LoopLocals.back().insert(Var);
    // `auto reconnect = [&] {...};`: its calls are counted where it is
    // called (an initializer is traversed after its variable).
    if (Var->isLocalVarDecl() && Var->getInit())
      if (auto *Lambda = dyn_cast<LambdaExpr>(Var->getInit()->IgnoreImplicit()))
        LocalClosureLambdas.insert(Lambda);
    if (Var->hasGlobalStorage() && Var->getInit()) {
      noteAcquisition(StorageKey{Var, -1}, Var->getInit());
      noteStore(StorageKey{Var, -1}, Var->getInit());
    }
    // `int &r = g_fd;` writes through another name.
    if (Var->getType()->isReferenceType() && Var->getInit() &&
        !Var->getType().getNonReferenceType().isConstQualified())
      noteUnknownStore(Var->getInit());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    // `&g_fd` handed to code that may store into it, unless it is the
    // out-parameter of an acquisition (noted with the call).
    if (Op->getOpcode() == UO_AddrOf && !OutParameters.contains(Op))
      noteUnknownStore(Op->getSubExpr());
    return true;
  }

  bool VisitFieldDecl(FieldDecl *Field) {
    if (Field->hasInClassInitializer()) {
      noteAcquisition(StorageKey{nullptr, -1, Field},
                      Field->getInClassInitializer());
      noteStore(StorageKey{nullptr, -1, Field}, Field->getInClassInitializer());
    }
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (Init->isMemberInitializer()) {
      noteAcquisition(StorageKey{nullptr, -1, Init->getMember()},
                      Init->getInit());
      noteStore(StorageKey{nullptr, -1, Init->getMember()}, Init->getInit());
    }
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  // Loops make whatever they call run repeatedly.
  bool TraverseForStmt(ForStmt *S) { return traverseLoop(S); }
  bool TraverseWhileStmt(WhileStmt *S) { return traverseLoop(S); }
  bool TraverseDoStmt(DoStmt *S) { return traverseLoop(S); }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) { return traverseLoop(S); }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    // A function named other than as a direct callee: its address is taken.
    if (const auto *FD = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (!DirectCallees.contains(Ref))
        Result.AddressTaken.insert(FD->getCanonicalDecl());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (Quiet)
      Quiet->visitCall(Call);
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      const FunctionDecl *Canonical = Callee->getCanonicalDecl();
      ++Result.CallSites[Canonical];
      if (Canonical == Writer)
        Result.Recursive.insert(Canonical);
      if (const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(Writer))
        Result.CalledFromConstructor[Canonical].insert(
            Ctor->getParent()->getCanonicalDecl());
      else
        Result.CalledElsewhere.insert(Canonical);
      if (isRunOnceRegistration(Callee))
        for (const Expr *Arg : Call->arguments())
          noteRunOnce(Arg);
      // Non-const reference parameters may store into their argument.
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I) {
        QualType Param = Callee->getParamDecl(I)->getType();
        if (Param->isReferenceType() &&
            !Param.getNonReferenceType().isConstQualified())
          noteUnknownStore(Call->getArg(I));
      }
      noteCallEdge(Canonical, Call);
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
          Member &&
          !Ctx.getSourceManager().isInSystemHeader(Canonical->getLocation()))
        noteMethodObject(Canonical, Member);
      if (LoopDepth > 0) {
        Result.CalledInLoop.insert(Canonical);
        uint64_t &Stable = Result.StableLoopArguments[Canonical];
        for (unsigned I = 0; I < Call->getNumArgs() && I < 64; ++I)
          if (isStableStorage(Call->getArg(I)))
            Stable |= uint64_t(1) << I;
      }
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        DirectCallees.insert(Ref);
    }
    const FunctionRole *Role = Catalog.roleOf(Call->getDirectCallee());
    const int OutParam = Role && Role->Acquires ? Role->OutParam : -1;
    // An array passed to other code (`init(fds)`) may be stored into.
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (static_cast<int>(I) != OutParam &&
          Call->getArg(I)->IgnoreParenImpCasts()->getType()->isArrayType())
        noteUnknownStore(Call->getArg(I)->IgnoreParenImpCasts());
    if (!Role)
      return true;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (static_cast<int>(I) == OutParam)
        continue;
      if (Role->roleOfArgument(I) == ArgumentRole::Release)
        noteRelease(storageOf(stripValueWrappers(Arg), Ctx),
                    Catalog.familyReleasedBy(Call->getDirectCallee()));
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Catalog.isReleaseMethod(Method)) {
      noteReleasedObject(Call->getImplicitObjectArgument());
    } else if (Method && !Method->isConst()) {
      // `conn.reconnect(url)` may store a new connection into the object
      // itself (not so `conn->send()`, which leaves the pointer alone).
      const auto *Member =
          dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
      if (Member && !Member->isArrow())
        noteUnknownStore(Call->getImplicitObjectArgument());
    }
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    noteReleasedObject(Delete->getArgument());
    return true;
  }

private:
  /// Lambdas that initialize a local variable (LocalClosures.h).
  llvm::SmallPtrSet<const LambdaExpr *, 4> LocalClosureLambdas;
  /// Lambdas given to a run-once registration.
  llvm::SmallPtrSet<const LambdaExpr *, 4> RunOnceLambdas;
  /// pthread_once, std::call_once, atexit: the function they are given runs
  /// at most once.
  static bool isRunOnceRegistration(const FunctionDecl *Callee) {
    const IdentifierInfo *Name = Callee->getIdentifier();
    if (!Name)
      return false;
    StringRef N = Name->getName();
    if (N == "call_once")
      return Callee->isInStdNamespace();
    return (N == "pthread_once" || N == "atexit" || N == "at_quick_exit" ||
            N == "__cxa_atexit") &&
           Callee->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }

  /// `init` or `&init` given to a run-once registration: one call, not an
  /// address that may be called again.
  void noteRunOnce(const Expr *Arg) {
    // `std::call_once(flag, [] {...})`, a captureless lambda converted to
    // the function pointer pthread_once takes: its call operator runs once.
    const Expr *Inner = Arg->IgnoreImplicit()->IgnoreParens();
    if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(Inner);
        Conversion && isa<CXXConversionDecl>(Conversion->getMethodDecl()))
      Inner = Conversion->getImplicitObjectArgument()->IgnoreImplicit();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Inner)) {
      RunOnceLambdas.insert(Lambda);
      ++Result.CallSites[Lambda->getCallOperator()->getCanonicalDecl()];
      Result.RunOnce.insert(Lambda->getCallOperator()->getCanonicalDecl());
      return;
    }
    Arg = withoutAddressOf(Arg);
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
    const auto *Function =
        Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
    if (!Function)
      return;
    DirectCallees.insert(Ref);
    ++Result.CallSites[Function->getCanonicalDecl()];
    Result.RunOnce.insert(Function->getCanonicalDecl());
    Result.CalledElsewhere.insert(Function->getCanonicalDecl());
  }

  /// Who calls \p Callee, and with what: a parameter of the caller passed
  /// on, storage that is the same on every call (a global, `this`), or
  /// something else (a fresh local).
  void noteCallEdge(const FunctionDecl *Callee, const CallExpr *Call) {
    if (!Writer || Writer == Callee)
      return;
    HandleHolders::CallEdge Edge{Writer, Callee, Call, {}};
    for (unsigned I = 0; I < Call->getNumArgs() && I < 64; ++I) {
      const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
      int Source = HandleHolders::CallEdge::Fresh;
      const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      // The caller's parameter, or a local pointer viewing it (`struct db
      // *db = ud->data; connect_db(db);`).
      const auto *Param = dyn_cast_or_null<ParmVarDecl>(Var);
      if (!Param)
        Param = viewedParameter(Var);
      if (Param && Param->getDeclContext() == Writer->getDefinition())
        Source = Param->getFunctionScopeIndex();
      else if (isGlobalStorage(Arg))
        Source = HandleHolders::CallEdge::Same;
      Edge.Arguments.push_back(Source);
    }
    Result.Edges.push_back(std::move(Edge));
  }

  /// A local object the current function made itself: `Client c;`, a
  /// `std::unique_ptr` it holds (`auto s = std::make_unique<Server>()`, or
  /// from a factory: it owns the object alone), or `new Client`.
  const VarDecl *freshLocalObject(const Expr *Object) const {
    Object = Object ? Object->IgnoreParenImpCasts() : nullptr;
    // `s->connect()` through a smart pointer: only a unique_ptr's object is
    // this function's alone.
    bool ThroughSmartPointer = false;
    if (const auto *Arrow = dyn_cast_or_null<CXXOperatorCallExpr>(Object);
        Arrow && Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() == 1) {
      Object = Arrow->getArg(0)->IgnoreParenImpCasts();
      ThroughSmartPointer = true;
    }
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Writer || !Var || !Var->isLocalVarDecl() || Var->isStaticLocal() ||
        Var->getDeclContext() != Writer || Var->getType()->isReferenceType())
      return nullptr;
    QualType T = Var->getType();
    if (ThroughSmartPointer)
      return isUniquePointer(T) ? Var : nullptr;
    if (T->isRecordType())
      return Var;
    const Expr *Init =
        Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr;
    return T->isPointerType() && isa_and_nonnull<CXXNewExpr>(Init) ? Var
                                                                   : nullptr;
  }

  static bool isUniquePointer(QualType T) {
    const auto *Class = T->getAsCXXRecordDecl();
    return Class && Class->getIdentifier() && Class->isInStdNamespace() &&
           Class->getName() == "unique_ptr";
  }

  /// A method called on \p Call's object: once on an object this function
  /// made, or on something else.
  void noteMethodObject(const FunctionDecl *Method,
                        const CXXMemberCallExpr *Call) {
    const VarDecl *Object = freshLocalObject(Call->getImplicitObjectArgument());
    // In a loop, only an object the loop's body makes is new each time.
    if (!Object || (LoopDepth > 0 && !LoopLocals.back().contains(Object)) ||
        !Result.FreshObjectCalls[Method].insert(Object).second)
      Result.CalledOnOtherObject.insert(Method);
  }

  /// The variable whose object \p Arg designates (`c`, `&conn`, `&s.inner`,
  /// `g.link`), or null; \p IsThis is set for `this` and its members.
  static const VarDecl *objectBase(const Expr *Arg, bool &IsThis) {
    Arg = withoutAddressOf(Arg);
    while (const auto *Member = dyn_cast<MemberExpr>(Arg))
      Arg = Member->getBase()->IgnoreParenImpCasts();
    IsThis = isa<CXXThisExpr>(Arg);
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
    return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  }

  /// `g_conn`, `&g_client`, `this`, `&g.inner`: storage that is the same
  /// on every call of the caller.
  static bool isGlobalStorage(const Expr *Arg) {
    bool IsThis = false;
    const VarDecl *Var = objectBase(Arg, IsThis);
    return IsThis || (Var && Var->hasGlobalStorage());
  }

  /// `c`, `&conn`, `this`, `&s.inner`: the same object on every iteration
  /// (unlike `&trans[i]`, `p + i`, or `&j` for a `struct job j` declared in
  /// the loop's body).
  bool isStableStorage(const Expr *Arg) const {
    bool IsThis = false;
    const VarDecl *Var = objectBase(Arg, IsThis);
    if (IsThis)
      return true;
    if (!Var || (!LoopLocals.empty() && LoopLocals.back().contains(Var)))
      return false;
    // A local pointer is usually pointed at a fresh object each iteration
    // (`heads = &per->heads;`); one that views a parameter is not.
    return !Var->isLocalVarDecl() || Var->isStaticLocal() ||
           !Var->getType()->isPointerType() || viewedParameter(Var);
  }

  template <typename LoopT> bool traverseLoop(LoopT *Loop) {
    // (The loop statement itself is not walked up to VisitStmt.)
    if (Mentions)
      Mentions->visit(Loop);
    ++LoopDepth;
    LoopLocals.emplace_back();
    bool Continue = RecursiveASTVisitor::TraverseStmt(Loop->getBody());
    LoopLocals.pop_back();
    --LoopDepth;
    // The rest of the loop (condition, increment) runs repeatedly too, but
    // calls there are rare; visit it outside the loop depth.
    for (Stmt *Child : Loop->children())
      if (Child != Loop->getBody())
        Continue = Continue && TraverseStmt(Child);
    return Continue;
  }

  /// What a write tells about the storage it fills (StorageWrites.h).
  void noteWrite(const StorageWrite &Write) {
    switch (Write.Kind) {
    case WriteKind::Assign:
    case WriteKind::Reset:
    case WriteKind::Exchange: {
      std::optional<StorageKey> Key = storageOf(Write.Target, Ctx);
      noteAcquisition(Key, Write.Value);
      noteStore(Key, Write.Value);
      // `*dst = *src;` copies every field.
      if (Write.Kind == WriteKind::Assign)
        noteWholeRecordStore(Write.Target->getType());
      return;
    }
    case WriteKind::Swap:
      noteUnknownStore(Write.Target);
      noteUnknownStore(Write.Other);
      return;
    case WriteKind::Unpack: {
      std::optional<StorageKey> Key = storageOf(Write.Target, Ctx);
      if (Write.Value) {
        noteAcquisition(Key, Write.Value);
        noteStore(Key, Write.Value);
      } else {
        noteUnknownStore(Write.Target);
      }
      return;
    }
    case WriteKind::OutParameter:
      OutParameters.insert(Write.Target->IgnoreParenImpCasts());
      for (const StorageKey &Key : keysWritten(Write, Ctx))
        if (const ValueDecl *Identity = Key.identity()) {
          Result.Acquired.try_emplace(Identity, Write.Role);
          Result.StoredBy[Identity].insert(Writer);
        }
      return;
    case WriteKind::Initialize:
    case WriteKind::Insert:
    case WriteKind::Hold:
      // (What a library object holds is not a field of this program.)
      // Locals have no identity across functions (containers of handles
      // are local); globals and statics are noted with their declaration
      // (VisitVarDecl).
      return;
    }
  }

  void noteAcquisition(std::optional<StorageKey> Key, const Expr *Value) {
    const ValueDecl *Identity = Key ? Key->identity() : nullptr;
    if (!Identity)
      return;
    if (const Expr *Acquisition = asAcquisition(Value, Catalog))
      Result.Acquired.try_emplace(Identity,
                                  Catalog.acquisitionRole(Acquisition));
  }

  /// A store of \p Value into \p Key's storage by the current function,
  /// unless the value is certainly no handle (-1, null, a standard stream).
  void noteStore(std::optional<StorageKey> Key, const Expr *Value) {
    const ValueDecl *Identity = Key ? Key->identity() : nullptr;
    // Templates are seen through their instantiations (a dependent
    // initializer list has no type at all).
    if (!Identity || !Value || Value->isInstantiationDependent())
      return;
    if (!isInvalidHandleConstant(Value, Ctx) && !isStandardStream(Value))
      Result.StoredBy[Identity].insert(Writer);
    else if (Writer && isa<FieldDecl>(Identity))
      ResetHere.insert(cast<FieldDecl>(Identity));
    // `close(s->fd); s->fd = 0;`: code whose "no socket" is 0 resets to it.
    const auto *Literal = dyn_cast<IntegerLiteral>(Value->IgnoreParenCasts());
    if (Writer && isa<FieldDecl>(Identity) && Literal &&
        Literal->getValue().isZero())
      ZeroedHere.insert(cast<FieldDecl>(Identity));
  }

  /// Runs \p Traverse with the stores it sees attributed to \p NewWriter.
  template <typename TraverseFn>
  bool withWriter(const FunctionDecl *NewWriter, TraverseFn Traverse) {
    const FunctionDecl *Outer = std::exchange(Writer, NewWriter);
    auto OuterReleased = std::exchange(ReleasedHere, {});
    auto OuterReset = std::exchange(ResetHere, {});
    auto OuterZeroed = std::exchange(ZeroedHere, {});
    bool Continue = Traverse();
    // A function that closes a field and resets it: the field follows an
    // open/close protocol (`on_end(d) { fclose(d->out); d->out = NULL; }`).
    for (const FieldDecl *Field : ReleasedHere)
      if (ResetHere.contains(Field) || ZeroedHere.contains(Field))
        Result.ClosedAndReset.insert(Field);
    Writer = Outer;
    ReleasedHere = std::move(OuterReleased);
    ResetHere = std::move(OuterReset);
    ZeroedHere = std::move(OuterZeroed);
    return Continue;
  }

  /// Every field of the record \p Type, overwritten by a whole-object copy.
  void noteWholeRecordStore(QualType Type) {
    if (const RecordDecl *Record = Type->getAsRecordDecl())
      for (const FieldDecl *Field : Record->fields())
        Result.StoredBy[Field].insert(nullptr);
  }

  /// Storage that code we cannot follow may store anything into.
  void noteUnknownStore(const Expr *Target) {
    std::optional<StorageKey> Key = storageOf(stripValueWrappers(Target), Ctx);
    if (const ValueDecl *Identity = Key ? Key->identity() : nullptr)
      Result.StoredBy[Identity].insert(nullptr);
  }

  void noteRelease(std::optional<StorageKey> Key, const HandleFamily *Family) {
    const ValueDecl *Identity = Key ? Key->identity() : nullptr;
    if (!Identity)
      return;
    Result.Released.try_emplace(Identity, Family);
    if (Writer && isa<FieldDecl>(Identity))
      ReleasedHere.insert(cast<FieldDecl>(Identity));
  }

  /// `conn_->close()`, `delete conn_`: a connection object's pointer.
  void noteReleasedObject(const Expr *Object) {
    if (!Object)
      return;
    std::optional<StorageKey> Key = storageOf(Object, Ctx);
    if (!Key || !Key->identity())
      return;
    QualType Pointee = Key->type(Ctx)->getPointeeType();
    const auto *Class =
        Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
    const FunctionRole *Role = nullptr;
    // Only classes with a release method (or configured) are handles.
    if (Class && Class->hasDefinition())
      Role = Catalog.roleOfClass(Class);
    if (Role)
      noteRelease(Key, Role->Acquires);
  }

  ASTContext &Ctx;
  const HandleCatalog &Catalog;
  HandleHolders &Result;
  llvm::function_ref<bool(const FunctionDecl *)> IsDamaged;
  const RunAgainNames *RunAgain;
  /// Sorts the file-local globals' mentions on the way, when set.
  FileLocalMentions *Mentions;
  /// Notes the bodies the check's pre-pass would find nothing in, when set.
  QuietBodies *Quiet;
  /// The function whose stores are being visited; null outside functions
  /// and in lambdas and blocks.
  const FunctionDecl *Writer = nullptr;
  /// `&x` arguments that are an acquisition's out-parameter: stores the
  /// scan already attributes to the calling function.
  llvm::SmallPtrSet<const Expr *, 8> OutParameters;
  unsigned LoopDepth = 0;
  /// Per loop being traversed, innermost last: the locals its body
  /// declares.
  llvm::SmallVector<llvm::SmallPtrSet<const VarDecl *, 4>, 2> LoopLocals;
  llvm::SmallPtrSet<const DeclRefExpr *, 32> DirectCallees;
  /// Fields the current function releases, and resets to an invalid value.
  llvm::SmallPtrSet<const FieldDecl *, 4> ReleasedHere, ResetHere;
  /// Fields the current function sets to 0 (a descriptor's "none" for
  /// code that tests it against 0).
  llvm::SmallPtrSet<const FieldDecl *, 4> ZeroedHere;
};

} // namespace clang::tidy::resource

#endif // RESOURCE_TIDY_HOLDERSCANNER_H
