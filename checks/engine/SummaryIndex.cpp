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

/// Reads one entry.
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

/// The header line: the format and its version.
static llvm::Error checkHeader(llvm::StringRef Header, llvm::StringRef Text) {
  llvm::Expected<json::Value> Value = json::parse(Header);
  if (!Value) {
    // A version 1 index is one JSON document over many lines: say which
    // version it is rather than where its first line ends.
    llvm::Expected<json::Value> Whole = json::parse(Text);
    if (!Whole) {
      llvm::consumeError(Whole.takeError());
      return Value.takeError();
    }
    llvm::consumeError(Value.takeError());
    Value = std::move(*Whole);
  }
  const json::Object *Root = Value->getAsObject();
  if (!Root ||
      Root->getString("format") != llvm::StringRef(SummaryIndex::FormatName))
    return invalid("not a resource-tidy summary index");
  std::optional<int64_t> Version = Root->getInteger("version");
  if (Version != static_cast<int64_t>(SummaryIndex::FormatVersion))
    return invalid("version " + llvm::Twine(Version.value_or(0)) +
                   " of the format; this plugin reads version " +
                   llvm::Twine(SummaryIndex::FormatVersion) +
                   " (rebuild the index)");
  return llvm::Error::success();
}

/// Reads `"..."` at the front of \p Text, without escapes (a string with
/// one is read by the JSON parser instead).
static bool consumePlainString(llvm::StringRef &Text, llvm::StringRef &Out) {
  if (!Text.consume_front("\""))
    return false;
  size_t End = Text.find_first_of("\"\\");
  if (End == llvm::StringRef::npos || Text[End] != '"')
    return false;
  Out = Text.take_front(End);
  Text = Text.drop_front(End + 1);
  return true;
}

/// The name, USR and whether it is an acquirer, from the fixed start of an
/// entry line as entryLine writes it.
static bool readLineStart(llvm::StringRef Line, llvm::StringRef &Name,
                          llvm::StringRef &USR, bool &Acquires) {
  if (!Line.consume_front("{\"name\":") || !consumePlainString(Line, Name) ||
      !Line.consume_front(",\"usr\":") || !consumePlainString(Line, USR) ||
      USR.empty())
    return false;
  Acquires = Line.starts_with(",\"acquires\":");
  return true;
}

llvm::Expected<SummaryIndex> SummaryIndex::parse(llvm::StringRef Text) {
  SummaryIndex Index;
  Index.Text = std::make_unique<std::string>(Text.str());
  llvm::StringRef Rest = *Index.Text;
  auto [Header, Lines] = Rest.split('\n');
  if (llvm::Error Error = checkHeader(Header.trim(), Rest))
    return Error;
  // Entries are parsed when first asked for: reading every one of a large
  // project's costs each clang-tidy process more than its check.
  for (unsigned LineNumber = 2; !Lines.empty(); ++LineNumber) {
    auto [Line, After] = Lines.split('\n');
    Lines = After;
    Line = Line.trim();
    if (Line.empty())
      continue;
    llvm::StringRef Name, USR;
    bool Acquires = false;
    if (readLineStart(Line, Name, USR, Acquires)) {
      Index.addLine(Line, USR, Name, Acquires);
      continue;
    }
    // Written by another tool, or with escapes: read it now.
    llvm::Expected<json::Value> Value = json::parse(Line);
    llvm::Expected<IndexedFunction> Entry =
        Value ? entryFromJSON(*Value) : Value.takeError();
    if (!Entry)
      return invalid("line " + llvm::Twine(LineNumber) + ": " +
                     toString(Entry.takeError()));
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

/// One entry as a line of the file: its name, USR and (for an acquirer)
/// what it acquires first, so that a reader finds them without a parser.
static std::string entryLine(const IndexedFunction &F) {
  json::Object Rest = std::move(*toJSON(F).getAsObject());
  Rest.erase("name");
  Rest.erase("usr");
  std::optional<json::Value> Acquires;
  if (json::Value *Found = Rest.get("acquires")) {
    Acquires = std::move(*Found);
    Rest.erase("acquires");
  }
  std::string Line;
  llvm::raw_string_ostream Out(Line);
  Out << "{\"name\":" << json::Value(F.Name)
      << ",\"usr\":" << json::Value(F.USR);
  if (Acquires)
    Out << ",\"acquires\":" << *Acquires;
  std::string Others = llvm::formatv("{0}", json::Value(std::move(Rest)));
  if (Others == "{}")
    Out << "}";
  else
    Out << "," << llvm::StringRef(Others).drop_front();
  return Line;
}

void SummaryIndex::addEntry(llvm::StringRef USR, llvm::StringRef Name,
                            bool Acquires, Entry New) {
  if (Conflicting.contains(USR))
    return;
  Names.insert(unqualified(Name));
  if (Acquires)
    AcquirerNames.insert(unqualified(Name));
  auto [It, Inserted] = Functions.try_emplace(USR, std::move(New));
  if (Inserted)
    return;
  // The same function seen twice (a file in two programs) agrees with
  // itself; two different ones with one USR cancel out.
  auto LineOf = [](const Entry &E) {
    return E.Parsed ? entryLine(*E.Parsed) : E.Line.str();
  };
  if (LineOf(It->second) != LineOf(New)) {
    Conflicting.insert(USR);
    Functions.erase(It);
  }
}

void SummaryIndex::add(IndexedFunction Function) {
  Entry New;
  std::string USR = Function.USR, Name = Function.Name;
  bool Acquires = !Function.AcquiresFamily.empty();
  New.Parsed = std::make_unique<IndexedFunction>(std::move(Function));
  New.Tried = true;
  addEntry(USR, Name, Acquires, std::move(New));
}

void SummaryIndex::addLine(llvm::StringRef Line, llvm::StringRef USR,
                           llvm::StringRef Name, bool Acquires) {
  Entry New;
  New.Line = Line;
  addEntry(USR, Name, Acquires, std::move(New));
}

const IndexedFunction *SummaryIndex::find(llvm::StringRef USR) const {
  auto It = Functions.find(USR);
  if (It == Functions.end())
    return nullptr;
  const Entry &Found = It->second;
  std::lock_guard<std::mutex> Guard(*ParseLock);
  if (!Found.Tried) {
    Found.Tried = true;
    // A malformed line is an unknown function, as a missing one.
    llvm::Expected<json::Value> Value = json::parse(Found.Line);
    if (!Value) {
      llvm::consumeError(Value.takeError());
      return nullptr;
    }
    llvm::Expected<IndexedFunction> Read = entryFromJSON(*Value);
    if (!Read) {
      llvm::consumeError(Read.takeError());
      return nullptr;
    }
    if (Read->USR == USR)
      Found.Parsed = std::make_unique<IndexedFunction>(std::move(*Read));
  }
  return Found.Parsed.get();
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

static json::Array sortedNames(const llvm::StringSet<> &Names) {
  std::vector<llvm::StringRef> Sorted;
  for (const auto &Name : Names)
    Sorted.push_back(Name.getKey());
  llvm::sort(Sorted);
  json::Array List;
  for (llvm::StringRef Name : Sorted)
    List.push_back(Name.str());
  return List;
}

std::string SummaryIndex::serialize(const ShardWants *Wants) const {
  json::Object Header{{"format", FormatName},
                      {"version", static_cast<int64_t>(FormatVersion)}};
  if (Wants)
    Header["wants"] =
        json::Object{{"summaries", sortedNames(Wants->Summaries)},
                     {"acquirers", sortedNames(Wants->Acquirers)}};
  std::vector<std::pair<llvm::StringRef, std::string>> Lines;
  for (const auto &Each : Functions)
    Lines.emplace_back(Each.getKey(), Each.second.Parsed
                                          ? entryLine(*Each.second.Parsed)
                                          : Each.second.Line.str());
  llvm::sort(Lines);
  std::string Text = llvm::formatv("{0}\n", json::Value(std::move(Header)));
  for (const auto &[USR, Line] : Lines)
    Text += Line + "\n";
  return Text;
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
