//===--- IndexedSummaries.cpp - resource-tidy -----------------------------===//

#include "engine/IndexedSummaries.h"
#include "catalog/HandleFamilies.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"

namespace clang::tidy::resource {

namespace {

/// Where \p E is, for a reader of another translation unit.
ExternalSite siteOf(const Expr *E, llvm::StringRef Function,
                    const SourceManager &SM) {
  ExternalSite Site;
  Site.Function = Function.str();
  PresumedLoc Loc = SM.getPresumedLoc(SM.getExpansionLoc(E->getExprLoc()));
  if (Loc.isInvalid())
    return Site;
  llvm::SmallString<256> Path(Loc.getFilename());
  llvm::sys::fs::make_absolute(Path);
  Site.File = Path.str().str();
  Site.Line = Loc.getLine();
  Site.Column = Loc.getColumn();
  return Site;
}

/// The function an overwrite \p Site (an assignment to a variable) is in.
std::string functionOfOverwrite(const Expr *Site, const FunctionDecl &Outer) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(Site))
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
      if (const auto *In =
              dyn_cast<FunctionDecl>(Ref->getDecl()->getDeclContext()))
        return In->getQualifiedNameAsString();
  return Outer.getQualifiedNameAsString();
}

/// The record a pointer or reference parameter's type reaches.
const RecordDecl *pointeeRecord(QualType Type) {
  QualType Pointee = Type->isPointerType() || Type->isReferenceType()
                         ? Type->getPointeeType()
                         : Type;
  return Pointee->getAsRecordDecl();
}

const FieldDecl *fieldNamed(const RecordDecl *Record, llvm::StringRef Name) {
  if (!Record || !(Record = Record->getDefinition()))
    return nullptr;
  for (const FieldDecl *Field : Record->fields())
    if (Field->getName() == Name)
      return Field;
  return nullptr;
}

const VarDecl *globalNamed(ASTContext &Ctx, llvm::StringRef Name) {
  if (Name.contains("::"))
    return nullptr;
  for (const NamedDecl *Found : Ctx.getTranslationUnitDecl()->lookup(
           DeclarationName(&Ctx.Idents.get(Name))))
    if (const auto *Var = dyn_cast<VarDecl>(Found);
        Var && Var->hasGlobalStorage())
      return Var;
  return nullptr;
}

} // namespace

std::optional<std::string> usrOf(const Decl *D) {
  llvm::SmallString<128> Buffer;
  if (!D || index::generateUSRForDecl(D, Buffer))
    return std::nullopt;
  return Buffer.str().str();
}

std::optional<IndexedFunction> indexEntryOf(const FunctionDecl &Function,
                                            const FunctionSummary *Summary,
                                            const FunctionRole *Role,
                                            const SourceManager &SM) {
  std::optional<std::string> USR = usrOf(&Function);
  if (!USR)
    return std::nullopt;
  IndexedFunction Entry;
  Entry.USR = *USR;
  Entry.Name = Function.getQualifiedNameAsString();
  PresumedLoc Loc = SM.getPresumedLoc(Function.getLocation());
  if (Loc.isValid()) {
    llvm::SmallString<256> Path(Loc.getFilename());
    llvm::sys::fs::make_absolute(Path);
    Entry.File = Path.str().str();
    Entry.Line = Loc.getLine();
  }
  bool Useful = false;
  if (Role && Role->Acquires && Role->OutParam < 0) {
    Entry.AcquiresFamily = Role->Acquires->Id;
    Entry.AcquiredNoun = Role->AcquiredNoun;
    Useful = true;
  }
  if (Summary) {
    Entry.Untrusted = Summary->Untrusted;
    for (const FieldDecl *Field : Summary->AlwaysReleased)
      Entry.FieldsAlwaysReleased.push_back(Field->getName().str());
    for (const FieldDecl *Field : Summary->SometimesReleased)
      Entry.FieldsSometimesReleased.push_back(Field->getName().str());
    for (const VarDecl *Global : Summary->GlobalsAlwaysReleased)
      Entry.GlobalsAlwaysReleased.push_back(Global->getQualifiedNameAsString());
    for (const VarDecl *Global : Summary->GlobalsSometimesReleased)
      Entry.GlobalsSometimesReleased.push_back(
          Global->getQualifiedNameAsString());
    auto AddEffect = [&](unsigned Param, llvm::StringRef Field,
                         const ParameterSummary &Effect) {
      IndexedEffect Out;
      Out.Param = Param;
      Out.Field = Field.str();
      Out.Effect = Effect.Effect;
      if (Effect.ExternalOverwrite)
        Out.Site = *Effect.ExternalOverwrite;
      else if (Effect.OverwriteSite)
        Out.Site =
            siteOf(Effect.OverwriteSite,
                   functionOfOverwrite(Effect.OverwriteSite, Function), SM);
      if (Effect.Effect == ParameterEffect::Unknown) {
        std::optional<std::string> To = usrOf(Effect.ForwardTo);
        if (!To)
          return;
        Out.ForwardUSR = *To;
        Out.ForwardParam = Effect.ForwardParam;
      }
      Entry.Effects.push_back(std::move(Out));
    };
    for (unsigned I = 0; I < Summary->Parameters.size(); ++I)
      AddEffect(I, "", Summary->Parameters[I]);
    for (const ParameterFieldSummary &Each : Summary->ParameterFields) {
      if (Each.Effect.Effect == ParameterEffect::Unknown)
        continue;
      // `*p` is "*", `p[2]` is "[2]".
      std::string Element = Each.Element
                                ? "[" + std::to_string(Each.Element) + "]"
                                : std::string(SummaryIndex::PointeeField);
      AddEffect(Each.Param, Each.Field ? Each.Field->getName() : Element,
                Each.Effect);
    }
    Useful |= Summary->isInformative();
  }
  if (!Useful)
    return std::nullopt;
  return Entry;
}

std::unique_ptr<FunctionSummary> summaryFromIndex(const SummaryIndex &Index,
                                                  const FunctionDecl &Callee,
                                                  ASTContext &Ctx) {
  if (!Index.mayKnow(Callee))
    return nullptr;
  std::optional<std::string> USR = usrOf(&Callee);
  const IndexedFunction *Entry = USR ? Index.find(*USR) : nullptr;
  if (!Entry)
    return nullptr;
  auto Summary = std::make_unique<FunctionSummary>();
  if (Entry->Untrusted) {
    Summary->Untrusted = true;
    return Summary;
  }
  for (unsigned I = 0; I < Callee.getNumParams(); ++I) {
    const IndexedEffect *Effect = Index.effect(*USR, I, "");
    if (!Effect || Effect->Effect == ParameterEffect::Unknown)
      continue;
    ParameterSummary Parameter;
    Parameter.Effect = Effect->Effect;
    if (!Effect->Site.File.empty())
      Parameter.ExternalOverwrite = &Effect->Site;
    Summary->Parameters.resize(Callee.getNumParams());
    Summary->Parameters[I] = Parameter;
  }
  for (const IndexedEffect &Effect : Entry->Effects) {
    if (Effect.Field.empty() || Effect.Param >= Callee.getNumParams())
      continue;
    StringRef Name = Effect.Field;
    unsigned Element = 0;
    bool IsElement = Name == SummaryIndex::PointeeField;
    if (!IsElement && Name.starts_with("[") && Name.ends_with("]"))
      IsElement = !Name.drop_front().drop_back().getAsInteger(10, Element);
    if (IsElement) {
      ParameterSummary Pointee;
      Pointee.Effect = Effect.Effect;
      if (!Effect.Site.File.empty())
        Pointee.ExternalOverwrite = &Effect.Site;
      Summary->ParameterFields.push_back(
          {Effect.Param, nullptr, Pointee, Element});
      continue;
    }
    const FieldDecl *Field =
        fieldNamed(pointeeRecord(Callee.getParamDecl(Effect.Param)->getType()),
                   Effect.Field);
    if (!Field)
      continue;
    ParameterSummary Parameter;
    Parameter.Effect = Effect.Effect;
    if (!Effect.Site.File.empty())
      Parameter.ExternalOverwrite = &Effect.Site;
    Summary->ParameterFields.push_back({Effect.Param, Field, Parameter});
  }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee)) {
    auto AddFields = [&](const std::vector<std::string> &Names,
                         llvm::SmallVectorImpl<const FieldDecl *> &Into) {
      for (const std::string &Name : Names)
        if (const FieldDecl *Field = fieldNamed(Method->getParent(), Name))
          Into.push_back(Field);
    };
    AddFields(Entry->FieldsAlwaysReleased, Summary->AlwaysReleased);
    AddFields(Entry->FieldsSometimesReleased, Summary->SometimesReleased);
  }
  auto AddGlobals = [&](const std::vector<std::string> &Names,
                        llvm::SmallVectorImpl<const VarDecl *> &Into) {
    for (const std::string &Name : Names)
      if (const VarDecl *Global = globalNamed(Ctx, Name))
        Into.push_back(Global);
  };
  AddGlobals(Entry->GlobalsAlwaysReleased, Summary->GlobalsAlwaysReleased);
  AddGlobals(Entry->GlobalsSometimesReleased,
             Summary->GlobalsSometimesReleased);
  if (!Summary->isInformative())
    return nullptr;
  return Summary;
}

/// Calls \p Visit on each function declared in \p Context, its namespaces
/// and classes (not inside function bodies: a declaration there is rare
/// and the walk stays cheap).
static void
forEachFunction(const DeclContext &Context,
                llvm::function_ref<void(const FunctionDecl &)> Visit) {
  for (const Decl *D : Context.decls()) {
    if (const auto *Function = dyn_cast<FunctionDecl>(D))
      Visit(*Function);
    else if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D) ||
             (isa<CXXRecordDecl>(D) &&
              cast<CXXRecordDecl>(D)->isThisDeclarationADefinition()))
      forEachFunction(*cast<DeclContext>(D), Visit);
  }
}

llvm::StringRef askableName(const FunctionDecl &F) {
  if (!F.getIdentifier() ||
      F.getASTContext().getSourceManager().isInSystemHeader(F.getLocation()))
    return {};
  return F.getName();
}

/// A function of another file that the index could make an acquirer.
static bool mayBeIndexedAcquirer(const FunctionDecl &F,
                                 const HandleCatalog &Catalog,
                                 const SourceManager &SM) {
  return !F.isDefined() && !F.isDependentContext() &&
         !SM.isInSystemHeader(F.getLocation()) && !Catalog.roleOf(&F);
}

void noteAcquirerCandidates(ASTContext &Ctx, const HandleCatalog &Catalog,
                            llvm::StringSet<> &Names) {
  const SourceManager &SM = Ctx.getSourceManager();
  forEachFunction(*Ctx.getTranslationUnitDecl(), [&](const FunctionDecl &F) {
    // Learning a function nothing refers to changes nothing.
    if (F.getIdentifier() && F.isReferenced() &&
        mayBeIndexedAcquirer(F, Catalog, SM))
      Names.insert(F.getName());
  });
}

unsigned learnIndexedAcquirers(const SummaryIndex &Index, ASTContext &Ctx,
                               HandleCatalog &Catalog) {
  const SourceManager &SM = Ctx.getSourceManager();
  unsigned Learned = 0;
  forEachFunction(*Ctx.getTranslationUnitDecl(), [&](const FunctionDecl &F) {
    // A cheap name test first: most declarations are not in the index.
    if (!Index.mayKnowAcquirer(F) || !mayBeIndexedAcquirer(F, Catalog, SM))
      return;
    std::optional<std::string> USR = usrOf(&F);
    const IndexedFunction *Entry = USR ? Index.find(*USR) : nullptr;
    if (!Entry || Entry->AcquiresFamily.empty())
      return;
    if (const HandleFamily *Family = Catalog.family(Entry->AcquiresFamily)) {
      Catalog.learnAcquirer(&F, Family, Entry->AcquiredNoun);
      ++Learned;
    }
  });
  return Learned;
}

} // namespace clang::tidy::resource
