//===--- SummaryIndex.cpp - resource-tidy ---------------------------------===//

#include "engine/SummaryIndex.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <mutex>

namespace clang::tidy::resource {

namespace json = llvm::json;

namespace {

llvm::Error invalid(const llvm::Twine &Why) {
  return llvm::make_error<llvm::StringError>(Why.str(),
                                             llvm::inconvertibleErrorCode());
}

constexpr std::pair<ParameterEffect, const char *> EffectNames[] = {
    {ParameterEffect::UsedOnly, "used-only"},
    {ParameterEffect::Released, "released"},
    {ParameterEffect::Overwritten, "overwritten"},
    {ParameterEffect::Acquires, "acquires"},
    {ParameterEffect::Unknown, "forwards"},
};

const char *effectName(ParameterEffect Effect) {
  for (const auto &[Each, Name] : EffectNames)
    if (Each == Effect)
      return Name;
  return "forwards";
}

std::optional<ParameterEffect> effectNamed(llvm::StringRef Name) {
  for (const auto &[Each, Spelling] : EffectNames)
    if (Name == Spelling)
      return Each;
  return std::nullopt;
}

json::Array strings(const std::vector<std::string> &List) {
  json::Array Result;
  for (const std::string &Each : List)
    Result.push_back(Each);
  return Result;
}

json::Value toJSON(const IndexedFunction &F) {
  json::Object Entry{{"usr", F.USR},
                     {"name", F.Name},
                     {"file", F.File},
                     {"line", static_cast<int64_t>(F.Line)}};
  if (F.Untrusted)
    Entry["untrusted"] = true;
  if (!F.AcquiresFamily.empty())
    Entry["acquires"] =
        json::Object{{"family", F.AcquiresFamily}, {"noun", F.AcquiredNoun}};
  json::Object Releases;
  auto AddList = [&](const char *Key, const std::vector<std::string> &List) {
    if (!List.empty())
      Releases[Key] = strings(List);
  };
  AddList("fields", F.FieldsAlwaysReleased);
  AddList("fieldsSometimes", F.FieldsSometimesReleased);
  AddList("globals", F.GlobalsAlwaysReleased);
  AddList("globalsSometimes", F.GlobalsSometimesReleased);
  if (!Releases.empty())
    Entry["releases"] = std::move(Releases);
  json::Array Parameters;
  for (const IndexedEffect &Effect : F.Effects) {
    json::Object Each{{"index", static_cast<int64_t>(Effect.Param)},
                      {"effect", effectName(Effect.Effect)}};
    if (!Effect.Field.empty())
      Each["field"] = Effect.Field;
    if (!Effect.Site.File.empty())
      Each["at"] =
          json::Object{{"function", Effect.Site.Function},
                       {"file", Effect.Site.File},
                       {"line", static_cast<int64_t>(Effect.Site.Line)},
                       {"column", static_cast<int64_t>(Effect.Site.Column)}};
    if (!Effect.ForwardUSR.empty())
      Each["to"] =
          json::Object{{"usr", Effect.ForwardUSR},
                       {"index", static_cast<int64_t>(Effect.ForwardParam)}};
    Parameters.push_back(std::move(Each));
  }
  if (!Parameters.empty())
    Entry["parameters"] = std::move(Parameters);
  return Entry;
}

/// Reads one entry; a malformed one is an error for the whole file (a
/// truncated or hand-edited index is not half trusted).
llvm::Expected<IndexedFunction> entryFromJSON(const json::Value &Value) {
  auto Bad = [](const llvm::Twine &Why) {
    return invalid("malformed entry: " + Why);
  };
  const json::Object *Object = Value.getAsObject();
  if (!Object)
    return Bad("not an object");
  IndexedFunction F;
  std::optional<llvm::StringRef> USR = Object->getString("usr");
  if (!USR || USR->empty())
    return Bad("no 'usr'");
  F.USR = USR->str();
  F.Name = Object->getString("name").value_or("").str();
  F.File = Object->getString("file").value_or("").str();
  F.Line = Object->getInteger("line").value_or(0);
  F.Untrusted = Object->getBoolean("untrusted").value_or(false);
  if (const json::Object *Acquires = Object->getObject("acquires")) {
    F.AcquiresFamily = Acquires->getString("family").value_or("").str();
    F.AcquiredNoun = Acquires->getString("noun").value_or("handle").str();
  }
  auto ReadList = [&](const json::Object &From, const char *Key,
                      std::vector<std::string> &Into) -> bool {
    const json::Value *List = From.get(Key);
    if (!List)
      return true;
    const json::Array *Array = List->getAsArray();
    if (!Array)
      return false;
    for (const json::Value &Each : *Array) {
      std::optional<llvm::StringRef> Name = Each.getAsString();
      if (!Name)
        return false;
      Into.push_back(Name->str());
    }
    return true;
  };
  if (const json::Object *Releases = Object->getObject("releases"))
    if (!ReadList(*Releases, "fields", F.FieldsAlwaysReleased) ||
        !ReadList(*Releases, "fieldsSometimes", F.FieldsSometimesReleased) ||
        !ReadList(*Releases, "globals", F.GlobalsAlwaysReleased) ||
        !ReadList(*Releases, "globalsSometimes", F.GlobalsSometimesReleased))
      return Bad("'releases' of " + F.USR + " is not lists of names");
  if (const json::Value *Parameters = Object->get("parameters")) {
    const json::Array *Array = Parameters->getAsArray();
    if (!Array)
      return Bad("'parameters' of " + F.USR + " is not a list");
    for (const json::Value &Each : *Array) {
      const json::Object *P = Each.getAsObject();
      std::optional<int64_t> Index = P ? P->getInteger("index") : std::nullopt;
      std::optional<ParameterEffect> Effect =
          P ? effectNamed(P->getString("effect").value_or("")) : std::nullopt;
      if (!Index || *Index < 0 || !Effect)
        return Bad("a parameter of " + F.USR + " has no index or effect");
      IndexedEffect Read;
      Read.Param = static_cast<unsigned>(*Index);
      Read.Effect = *Effect;
      Read.Field = P->getString("field").value_or("").str();
      if (const json::Object *At = P->getObject("at")) {
        Read.Site.Function = At->getString("function").value_or("").str();
        Read.Site.File = At->getString("file").value_or("").str();
        Read.Site.Line = At->getInteger("line").value_or(0);
        Read.Site.Column = At->getInteger("column").value_or(0);
      }
      if (const json::Object *To = P->getObject("to")) {
        Read.ForwardUSR = To->getString("usr").value_or("").str();
        Read.ForwardParam = To->getInteger("index").value_or(0);
      }
      F.Effects.push_back(std::move(Read));
    }
  }
  return F;
}

} // namespace

llvm::Expected<std::shared_ptr<const SummaryIndex>>
SummaryIndex::load(llvm::StringRef Path) {
  // clangd builds ASTs on several threads; clang-tidy makes checks per TU.
  static std::mutex Lock;
  static std::map<std::string, std::pair<llvm::sys::fs::file_status,
                                         std::shared_ptr<const SummaryIndex>>>
      Loaded;
  llvm::sys::fs::file_status Status;
  if (std::error_code Error = llvm::sys::fs::status(Path, Status))
    return invalid(Error.message());
  std::lock_guard<std::mutex> Guard(Lock);
  auto Known = Loaded.find(Path.str());
  if (Known != Loaded.end() &&
      Known->second.first.getSize() == Status.getSize() &&
      Known->second.first.getLastModificationTime() ==
          Status.getLastModificationTime())
    return Known->second.second;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return invalid(Buffer.getError().message());
  llvm::Expected<SummaryIndex> Parsed = parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Parsed.takeError();
  auto Shared = std::make_shared<const SummaryIndex>(std::move(*Parsed));
  Loaded[Path.str()] = {Status, Shared};
  return Shared;
}

llvm::Expected<SummaryIndex> SummaryIndex::parse(llvm::StringRef Text) {
  llvm::Expected<json::Value> Value = json::parse(Text);
  if (!Value)
    return Value.takeError();
  const json::Object *Root = Value->getAsObject();
  if (!Root || Root->getString("format") != llvm::StringRef(FormatName))
    return invalid("not a resource-tidy summary index");
  std::optional<int64_t> Version = Root->getInteger("version");
  if (Version != static_cast<int64_t>(FormatVersion))
    return invalid("version " + llvm::Twine(Version.value_or(0)) +
                   " of the format; this plugin reads version " +
                   llvm::Twine(FormatVersion) + " (rebuild the index)");
  const json::Array *Functions = Root->getArray("functions");
  if (!Functions)
    return invalid("no 'functions' list");
  SummaryIndex Index;
  for (const json::Value &Each : *Functions) {
    llvm::Expected<IndexedFunction> Entry = entryFromJSON(Each);
    if (!Entry)
      return Entry.takeError();
    Index.add(std::move(*Entry));
  }
  return Index;
}

/// `ns::Conn::close` -> `close`.
static llvm::StringRef unqualified(llvm::StringRef Name) {
  size_t Colons = Name.rfind("::");
  return Colons == llvm::StringRef::npos ? Name : Name.substr(Colons + 2);
}

static llvm::StringRef identifierOf(const FunctionDecl &Function) {
  const IdentifierInfo *Id = Function.getIdentifier();
  return Id ? Id->getName() : llvm::StringRef();
}

bool SummaryIndex::mayKnow(const FunctionDecl &Function) const {
  llvm::StringRef Name = identifierOf(Function);
  return !Name.empty() && Names.contains(Name);
}

bool SummaryIndex::mayKnowAcquirer(const FunctionDecl &Function) const {
  llvm::StringRef Name = identifierOf(Function);
  return !Name.empty() && AcquirerNames.contains(Name);
}

void SummaryIndex::add(IndexedFunction Function) {
  if (Conflicting.contains(Function.USR))
    return;
  Names.insert(unqualified(Function.Name));
  if (!Function.AcquiresFamily.empty())
    AcquirerNames.insert(unqualified(Function.Name));
  auto [It, Inserted] = Functions.try_emplace(Function.USR, Function);
  if (!Inserted && toJSON(It->second) != toJSON(Function)) {
    Conflicting.insert(Function.USR);
    Functions.erase(It);
  }
}

const IndexedFunction *SummaryIndex::find(llvm::StringRef USR) const {
  auto It = Functions.find(USR);
  return It == Functions.end() ? nullptr : &It->second;
}

const IndexedEffect *SummaryIndex::effect(llvm::StringRef USR, unsigned Param,
                                          llvm::StringRef Field) const {
  // A chain of functions passing the handle on, each in its own file.
  constexpr unsigned MaxForwards = 8;
  for (unsigned Step = 0; Step < MaxForwards; ++Step) {
    const IndexedFunction *Function = find(USR);
    if (!Function || Function->Untrusted)
      return nullptr;
    const IndexedEffect *Found = nullptr;
    for (const IndexedEffect &Each : Function->Effects)
      if (Each.Param == Param && Each.Field == Field)
        Found = &Each;
    if (!Found || Found->Effect != ParameterEffect::Unknown)
      return Found;
    if (Found->ForwardUSR.empty() || !Field.empty())
      return nullptr;
    USR = Found->ForwardUSR;
    Param = Found->ForwardParam;
  }
  return nullptr;
}

std::string SummaryIndex::serialize() const {
  std::vector<const IndexedFunction *> Sorted;
  for (const auto &Entry : Functions)
    Sorted.push_back(&Entry.second);
  llvm::sort(Sorted, [](const IndexedFunction *A, const IndexedFunction *B) {
    return A->USR < B->USR;
  });
  json::Array List;
  for (const IndexedFunction *Each : Sorted)
    List.push_back(toJSON(*Each));
  json::Value Root =
      json::Object{{"format", FormatName},
                   {"version", static_cast<int64_t>(FormatVersion)},
                   {"functions", std::move(List)}};
  return llvm::formatv("{0:1}\n", Root).str();
}

std::string shardPath(llvm::StringRef Directory, llvm::StringRef MainFile) {
  llvm::SmallString<256> Absolute(MainFile);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  uint64_t Hash = 0xcbf29ce484222325ULL;
  for (unsigned char C : Absolute.str()) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, llvm::formatv("{0:x16}.json", Hash).str());
  return Path.str().str();
}

} // namespace clang::tidy::resource
