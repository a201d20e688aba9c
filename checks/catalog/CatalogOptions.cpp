//===--- CatalogOptions.cpp - resource-tidy -------------------------------===//

#include "catalog/CatalogOptions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace clang::tidy::resource {

namespace {

/// `name` or `::qualified::name`: identifier characters and `::` only.
bool isValidName(llvm::StringRef Name) {
  if (Name.consume_front("::") && Name.empty())
    return false;
  if (Name.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, "::");
  return llvm::all_of(Parts, [](llvm::StringRef Part) {
    return !Part.empty() && !llvm::isDigit(Part.front()) &&
           llvm::all_of(Part,
                        [](char C) { return llvm::isAlnum(C) || C == '_'; });
  });
}

/// A name with an optional `@N` argument index.
struct IndexedName {
  std::string Name;
  std::optional<unsigned> Index;
};

std::optional<IndexedName> parseIndexedName(llvm::StringRef Text,
                                            std::string &Why) {
  Text = Text.trim();
  auto [Name, Index] = Text.split('@');
  Name = Name.trim();
  if (!isValidName(Name)) {
    Why = ("'" + Name + "' is not a function name").str();
    return std::nullopt;
  }
  IndexedName Result{Name.str(), std::nullopt};
  if (Text.contains('@')) {
    unsigned Value = 0;
    if (Index.trim().getAsInteger(10, Value) || Value > 64) {
      Why = ("'@" + Index + "' is not an argument index").str();
      return std::nullopt;
    }
    Result.Index = Value;
  }
  return Result;
}

std::optional<llvm::SmallVector<IndexedName, 2>>
parseNameList(llvm::StringRef Text, std::string &Why) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  Text.split(Items, ',', -1, /*KeepEmpty=*/false);
  llvm::SmallVector<IndexedName, 2> Names;
  for (llvm::StringRef Item : Items) {
    std::optional<IndexedName> Name = parseIndexedName(Item, Why);
    if (!Name)
      return std::nullopt;
    Names.push_back(std::move(*Name));
  }
  if (Names.empty()) {
    Why = "no function names";
    return std::nullopt;
  }
  return Names;
}

/// `;`-separated entries, trimmed, empty ones dropped.
llvm::SmallVector<llvm::StringRef, 8> entries(llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Raw, Result;
  Value.split(Raw, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Entry : Raw)
    if (!Entry.trim().empty())
      Result.push_back(Entry.trim());
  return Result;
}

/// An entry `left -> right [key=value, ...]`.
struct ArrowEntry {
  llvm::StringRef Left, Right;
  /// Each attribute, split at its `=` and trimmed.
  llvm::SmallVector<std::pair<llvm::StringRef, llvm::StringRef>, 4> Attributes;
};

/// \p Entry as `left -> right [attributes]`; \p Form names the expected
/// form for the message when there is no arrow.
std::optional<ArrowEntry>
splitArrowEntry(llvm::StringRef Entry, llvm::StringRef Form, std::string &Why) {
  if (!Entry.contains("->")) {
    Why = ("expected '" + Form + "'").str();
    return std::nullopt;
  }
  ArrowEntry Result;
  auto [Left, Rest] = Entry.split("->");
  Result.Left = Left;
  Result.Right = Rest;
  llvm::StringRef Attributes;
  if (size_t Open = Rest.find('['); Open != llvm::StringRef::npos) {
    if (!Rest.rtrim().ends_with("]")) {
      Why = "unterminated '[' attribute list";
      return std::nullopt;
    }
    Result.Right = Rest.take_front(Open);
    Attributes = Rest.drop_front(Open + 1).rtrim().drop_back();
  }
  llvm::SmallVector<llvm::StringRef, 4> Attrs;
  Attributes.split(Attrs, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Attr : Attrs) {
    auto [Key, Value] = Attr.trim().split('=');
    Result.Attributes.push_back({Key.trim(), Value.trim()});
  }
  return Result;
}

/// The attribute as written, for messages.
std::string attributeText(llvm::StringRef Key, llvm::StringRef Value) {
  return (Key + (Value.empty() ? "" : "=") + Value).str();
}

/// Applies an attribute both `Families` and `HeldHandles` take
/// (`accepts-invalid`, `noun=`, `invalid=negative|null`); false when
/// \p Key is not one.
bool applyFamilyAttribute(HandleFamily &Family, llvm::StringRef Key,
                          llvm::StringRef Value) {
  if (Key == "accepts-invalid" && Value.empty())
    Family.ReleaseAcceptsInvalid = true;
  else if (Key == "noun" && !Value.empty())
    Family.LeakNoun = Value.str();
  else if (Key == "invalid" && Value == "negative")
    Family.Invalid = InvalidValueKind::NegativeInteger;
  else if (Key == "invalid" && Value == "null")
    Family.Invalid = InvalidValueKind::NullPointer;
  else
    return false;
  return true;
}

/// One `Families` entry; returns false (with a reason) when malformed.
bool addFamilyEntry(HandleCatalog &Catalog, llvm::StringRef Entry,
                    std::string &Why) {
  std::optional<ArrowEntry> Parts =
      splitArrowEntry(Entry, "acquire -> release", Why);
  if (!Parts)
    return false;
  std::optional<llvm::SmallVector<IndexedName, 2>> Acquire =
      parseNameList(Parts->Left, Why);
  if (!Acquire)
    return false;
  std::optional<llvm::SmallVector<IndexedName, 2>> Release =
      parseNameList(Parts->Right, Why);
  if (!Release)
    return false;

  HandleFamily Family;
  Family.Id = "config:" + Acquire->front().Name;
  // Fix-its call the first releaser that takes the handle first.
  for (const IndexedName &Name : *Release)
    if (Name.Index.value_or(0) == 0) {
      Family.ReleaseFunction = Name.Name;
      break;
    }
  // Functions returning their argument: `conn_connect@0` returns argument 0.
  llvm::SmallVector<IndexedName, 1> ReturnsArgument;
  for (auto [Key, Value] : Parts->Attributes) {
    if (applyFamilyAttribute(Family, Key, Value))
      continue;
    if (Key == "returns-argument") {
      std::optional<IndexedName> Name = parseIndexedName(Value, Why);
      if (!Name)
        return false;
      if (!Name->Index) {
        Why = ("returns-argument needs the argument's index, as in '" + Value +
               "@0'")
                  .str();
        return false;
      }
      ReturnsArgument.push_back(*Name);
    } else if (Key == "invalid" && isValidName(Value)) {
      Family.Invalid = InvalidValueKind::Sentinel;
      Family.InvalidSpelling = Value.str();
    } else if (Key == "invalid" && Value.ends_with("()") &&
               isValidName(Value.drop_back(2))) {
      // `invalid=socket_handle_invalid()`: a call yields the invalid value.
      Family.Invalid = InvalidValueKind::Sentinel;
      Family.InvalidSpelling = Value.str();
      Catalog.addInvalidValueFunction(Value.drop_back(2));
    } else {
      Why = "unknown attribute '" + attributeText(Key, Value) + "'";
      return false;
    }
  }
  const HandleFamily *Stored = Catalog.addFamily(std::move(Family));
  for (const IndexedName &Name : *Acquire)
    Catalog.addAcquire(Name.Name, Stored, Stored->LeakNoun,
                       Name.Index ? static_cast<int>(*Name.Index) : -1);
  for (const IndexedName &Name : *Release)
    Catalog.addRelease(Name.Name, Name.Index.value_or(0), Stored);
  for (const IndexedName &Name : ReturnsArgument)
    Catalog.addReturnsArgument(Name.Name, *Name.Index);
  return true;
}

/// One `HeldHandles` entry; returns false (with a reason) when malformed.
bool addHeldEntry(HandleCatalog &Catalog, llvm::StringRef Entry,
                  std::string &Why) {
  std::optional<ArrowEntry> Parts =
      splitArrowEntry(Entry, "getter -> release", Why);
  if (!Parts)
    return false;
  llvm::StringRef Getter = Parts->Left.trim(), Release = Parts->Right.trim();
  for (llvm::StringRef Name : {Getter, Release})
    if (!isValidName(Name)) {
      Why = ("'" + Name + "' is not a function name").str();
      return false;
    }
  HandleFamily Family;
  Family.Id = ("config-held:" + Getter).str();
  Family.ReleaseFunction = Release.str();
  Family.Invalid = InvalidValueKind::NegativeInteger;
  llvm::SmallVector<std::pair<IndexedName, HeldAccessKind>, 2> Accesses;
  for (auto [Key, Value] : Parts->Attributes) {
    if (Key == "set" || Key == "replace") {
      std::optional<IndexedName> Name = parseIndexedName(Value, Why);
      if (!Name)
        return false;
      if (Name->Index.value_or(1) == 0) {
        Why = ("'" + Value + "' stores the object itself (argument 0)").str();
        return false;
      }
      Accesses.push_back({*Name, Key == "set" ? HeldAccessKind::Set
                                              : HeldAccessKind::Replace});
    } else if (!applyFamilyAttribute(Family, Key, Value)) {
      Why = "unknown attribute '" + attributeText(Key, Value) + "'";
      return false;
    }
  }
  if (Accesses.empty()) {
    Why = "no 'set=' or 'replace=' function";
    return false;
  }
  const HandleFamily *Stored = Catalog.addFamily(std::move(Family));
  Catalog.addRelease(Release, 0, Stored);
  const HeldSlot *Slot = Catalog.addHeldSlot(Stored, Getter);
  // The getter and the setters only use the object; a setter takes the
  // handle it stores.
  Catalog.addUse(Getter);
  Catalog.addHeldAccess(Getter, {Slot, HeldAccessKind::Get, 0, 0});
  for (const auto &[Name, Kind] : Accesses) {
    unsigned Value = Name.Index.value_or(1);
    Catalog.addUse(Name.Name);
    Catalog.addSink(Name.Name, Value);
    Catalog.addHeldAccess(Name.Name, {Slot, Kind, 0, Value});
  }
  return true;
}

} // namespace

HandleCatalog buildCatalog(const CatalogOptions &Options,
                           OptionProblemHandler Report) {
  // Which built-ins to keep.
  llvm::StringRef Builtins = llvm::StringRef(Options.BuiltinFamilies).trim();
  HandleCatalog Catalog;
  if (Builtins.empty() || Builtins == "all") {
    Catalog = HandleCatalog::builtin();
  } else if (Builtins != "none") {
    llvm::StringSet<> Known;
    for (const std::string &Id : HandleCatalog::builtinFamilyIds())
      Known.insert(Id);
    llvm::StringSet<> Wanted;
    for (llvm::StringRef Id : entries(Builtins)) {
      if (Known.contains(Id))
        Wanted.insert(Id);
      else
        Report("BuiltinFamilies", Id, "no built-in family has this name");
    }
    Catalog = HandleCatalog::builtin(
        [&](llvm::StringRef Id) { return Wanted.contains(Id); });
  }

  std::string Why;
  for (llvm::StringRef Entry : entries(Options.Families))
    if (!addFamilyEntry(Catalog, Entry, Why))
      Report("Families", Entry, Why);

  for (llvm::StringRef Entry : entries(Options.HeldHandles))
    if (!addHeldEntry(Catalog, Entry, Why))
      Report("HeldHandles", Entry, Why);

  for (llvm::StringRef Entry : entries(Options.UseFunctions)) {
    if (isValidName(Entry))
      Catalog.addUse(Entry);
    else
      Report("UseFunctions", Entry, "not a function name");
  }
  for (llvm::StringRef Entry : entries(Options.SinkFunctions)) {
    std::optional<IndexedName> Name = parseIndexedName(Entry, Why);
    if (!Name) {
      Report("SinkFunctions", Entry, Why);
      continue;
    }
    if (Name->Index)
      Catalog.addSink(Name->Name, *Name->Index);
    else
      Catalog.addSinkAllArguments(Name->Name);
  }

  // Unqualified method names; others are reported against \p Option.
  auto MethodNames = [&](llvm::StringRef Option, llvm::StringRef Value) {
    llvm::SmallVector<std::string, 4> Names;
    for (llvm::StringRef Entry : entries(Value)) {
      if (isValidName(Entry) && !Entry.contains("::"))
        Names.push_back(Entry.str());
      else
        Report(Option, Entry, "not a method name");
    }
    return Names;
  };
  Catalog.setReleaseMethods(
      MethodNames("ReleaseMethods", Options.ReleaseMethods));
  Catalog.setDeferredDeleteMethods(
      MethodNames("DeferredDeleteMethods", Options.DeferredDeleteMethods));
  for (llvm::StringRef Entry : entries(Options.ConnectionClasses)) {
    auto [Class, MethodList] = Entry.split('=');
    Class = Class.trim();
    if (!isValidName(Class)) {
      Report("ConnectionClasses", Entry, "not a class name");
      continue;
    }
    llvm::SmallVector<std::string, 2> ClassMethods;
    llvm::SmallVector<llvm::StringRef, 2> Items;
    MethodList.split(Items, ',', -1, /*KeepEmpty=*/false);
    bool Valid = true;
    for (llvm::StringRef Item : Items) {
      Item = Item.trim();
      Valid &= isValidName(Item) && !Item.contains("::");
      ClassMethods.push_back(Item.str());
    }
    if (!Valid) {
      Report("ConnectionClasses", Entry, "not a list of method names");
      continue;
    }
    Catalog.addConnectionClass(Class, ClassMethods);
  }
  for (llvm::StringRef Entry : entries(Options.ValueHandleClasses)) {
    if (isValidName(Entry))
      Catalog.addValueHandleClass(Entry);
    else
      Report("ValueHandleClasses", Entry, "not a class name");
  }
  Catalog.setSharedPointerConnections(Options.SharedPointerConnections);
  for (llvm::StringRef Entry : entries(Options.NoReturnFunctions)) {
    if (isValidName(Entry))
      Catalog.addNoReturnFunction(Entry);
    else
      Report("NoReturnFunctions", Entry, "not a function name");
  }
  return Catalog;
}

} // namespace clang::tidy::resource
