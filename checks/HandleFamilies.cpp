//===--- HandleFamilies.cpp - resource-tidy -------------------------------===//

#include "HandleFamilies.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::resource {

namespace {

/// One built-in acquisition: function name and the noun for what it opens.
struct AcquireEntry {
  const char *Name;
  const char *Noun;
};

// POSIX descriptors, released with close(). close(-1) fails with EBADF and
// does no harm, so an unchecked descriptor can be closed without a guard.
constexpr AcquireEntry DescriptorAcquisitions[] = {
    {"socket", "socket"},
    {"accept", "socket"},
    {"accept4", "socket"},
    {"open", "file descriptor"},
    {"open64", "file descriptor"},
    {"openat", "file descriptor"},
    {"openat64", "file descriptor"},
    {"creat", "file descriptor"},
    {"creat64", "file descriptor"},
    {"dup", "file descriptor"},
    {"dup3", "file descriptor"},
    {"epoll_create", "epoll descriptor"},
    {"epoll_create1", "epoll descriptor"},
    {"eventfd", "event descriptor"},
    {"timerfd_create", "timer descriptor"},
    {"signalfd", "signal descriptor"},
    {"inotify_init", "inotify descriptor"},
    {"inotify_init1", "inotify descriptor"},
    {"memfd_create", "memory file descriptor"},
};

constexpr AcquireEntry StreamAcquisitions[] = {
    {"fopen", "FILE stream"},
    {"fopen64", "FILE stream"},
    {"tmpfile", "FILE stream"},
    {"tmpfile64", "FILE stream"},
};

// Functions that read or operate on a handle without taking ownership.
constexpr const char *UseOnlyFunctions[] = {
    // Descriptors and sockets.
    "read", "write", "pread", "pwrite", "pread64", "pwrite64", "readv",
    "writev", "preadv", "pwritev", "send", "sendto", "sendmsg", "sendmmsg",
    "recv", "recvfrom", "recvmsg", "recvmmsg", "connect", "bind", "listen",
    "shutdown", "setsockopt", "getsockopt", "getsockname", "getpeername",
    "fcntl", "fcntl64", "ioctl", "fstat", "fstat64", "fstatat", "fstatfs",
    "fstatvfs", "fsync", "fdatasync", "ftruncate", "ftruncate64", "lseek",
    "lseek64", "isatty", "ttyname", "ttyname_r", "tcgetattr", "tcsetattr",
    "tcflush", "tcdrain", "fchmod", "fchown", "fchdir", "flock", "lockf",
    "posix_fadvise", "posix_fallocate", "fallocate", "sendfile", "splice",
    "tee", "mmap", "mmap64", "dup2", "epoll_ctl", "epoll_wait", "epoll_pwait",
    "inotify_add_watch", "inotify_rm_watch", "timerfd_settime",
    "timerfd_gettime", "eventfd_read", "eventfd_write", "fgetxattr",
    "fsetxattr", "getdents64", "futimens", "sockatmark", "fexecve",
    // stdio streams.
    "fprintf", "vfprintf", "fscanf", "vfscanf", "fputs", "fputc", "putc",
    "fgets", "fgetc", "getc", "ungetc", "fread", "fwrite", "fflush", "fseek",
    "fseeko", "fseeko64", "ftell", "ftello", "ftello64", "rewind", "fgetpos",
    "fsetpos", "feof", "ferror", "clearerr", "fileno", "setvbuf", "setbuf",
    "setlinebuf", "getline", "getdelim", "flockfile", "funlockfile",
    "ftrylockfile", "fputws", "fgetws", "fputwc", "fgetwc", "fwide",
    "fprintf_unlocked", "fwrite_unlocked", "fread_unlocked", "fgets_unlocked",
    "fputs_unlocked", "fflush_unlocked", "putc_unlocked", "getc_unlocked",
    "fileno_unlocked", "feof_unlocked", "ferror_unlocked", "__fprintf_chk",
    "__vfprintf_chk", "__fread_chk", "__fgets_chk", "__read_chk",
    "__recv_chk", "__recvfrom_chk", "__pread_chk", "__pread64_chk",
    // FD_SET / FD_ISSET under _FORTIFY_SOURCE.
    "__fdelt_chk", "__fdelt_warn",
    // Directory streams.
    "readdir", "readdir64", "readdir_r", "rewinddir", "telldir", "seekdir",
    "dirfd",
    // Formatting and logging only read the value.
    "printf", "snprintf", "sprintf", "syslog", "perror", "__printf_chk",
    "__snprintf_chk", "__sprintf_chk", "__syslog_chk"};

} // namespace

HandleCatalog HandleCatalog::builtin() {
  HandleCatalog Catalog;

  const HandleFamily *Descriptor = Catalog.addFamily(
      {"posix-fd", "close", InvalidValueKind::NegativeInteger,
       /*ReleaseAcceptsInvalid=*/true, "descriptor"});
  const HandleFamily *Stream =
      Catalog.addFamily({"stdio-stream", "fclose", InvalidValueKind::NullPointer,
                         /*ReleaseAcceptsInvalid=*/false, "stream"});
  const HandleFamily *Process =
      Catalog.addFamily({"stdio-process", "pclose",
                         InvalidValueKind::NullPointer,
                         /*ReleaseAcceptsInvalid=*/false, "stream"});
  const HandleFamily *Directory =
      Catalog.addFamily({"posix-dir", "closedir", InvalidValueKind::NullPointer,
                         /*ReleaseAcceptsInvalid=*/false, "directory stream"});

  for (const AcquireEntry &E : DescriptorAcquisitions)
    Catalog.addAcquire(E.Name, Descriptor, E.Noun);
  for (const AcquireEntry &E : StreamAcquisitions)
    Catalog.addAcquire(E.Name, Stream, E.Noun);
  Catalog.addAcquire("popen", Process, "process stream");
  Catalog.addAcquire("opendir", Directory, "directory stream");

  // pipe(fds), pipe2(fds, flags), socketpair(d, t, p, fds) fill two
  // descriptors into an array.
  Catalog.addAcquire("pipe", Descriptor, "pipe descriptor", {}, 0, 2);
  Catalog.addAcquire("pipe2", Descriptor, "pipe descriptor", {}, 0, 2);
  Catalog.addAcquire("socketpair", Descriptor, "socket", {}, 3, 2);

  // getaddrinfo(node, service, hints, &res) allocates the result list.
  const HandleFamily *AddressList = Catalog.addFamily(
      {"addrinfo", "freeaddrinfo", InvalidValueKind::NullPointer,
       /*ReleaseAcceptsInvalid=*/false, "address list"});
  Catalog.addAcquire("getaddrinfo", AddressList, "address list", {}, 3);
  Catalog.addRelease("freeaddrinfo");

  // These move the descriptor they are given into the new stream.
  Catalog.addAcquire("fdopen", Stream, "FILE stream", {ArgumentRole::Sink});
  Catalog.addAcquire("fdopendir", Directory, "directory stream",
                     {ArgumentRole::Sink});

  Catalog.addRelease("close");
  Catalog.addRelease("fclose");
  Catalog.addRelease("pclose");
  Catalog.addRelease("closedir");

  for (const char *Name : UseOnlyFunctions)
    Catalog.addUse(Name);
  // freopen(path, mode, stream) reopens the stream it is given in place.
  Catalog.addUse("freopen");
  Catalog.addUse("freopen64");
  return Catalog;
}

const HandleFamily *HandleCatalog::addFamily(HandleFamily Family) {
  for (auto &Existing : Families) {
    if (Existing->Id == Family.Id) {
      *Existing = std::move(Family);
      return Existing.get();
    }
  }
  Families.push_back(std::make_unique<HandleFamily>(std::move(Family)));
  return Families.back().get();
}

const HandleFamily *HandleCatalog::family(llvm::StringRef Id) const {
  for (const auto &F : Families)
    if (F->Id == Id)
      return F.get();
  return nullptr;
}

FunctionRole &HandleCatalog::entry(llvm::StringRef Name) {
  return Roles[Name];
}

void HandleCatalog::addAcquire(llvm::StringRef Name,
                               const HandleFamily *Family, llvm::StringRef Noun,
                               llvm::ArrayRef<ArgumentRole> ArgRoles,
                               int OutParam, unsigned OutCount) {
  FunctionRole &Role = entry(Name);
  Role.Acquires = Family;
  Role.AcquiredNoun = Noun.str();
  Role.OutParam = OutParam;
  Role.OutCount = OutCount;
  Role.ArgRoles.assign(ArgRoles.begin(), ArgRoles.end());
  Role.DefaultArgRole = ArgumentRole::Use;
}

void HandleCatalog::addRelease(llvm::StringRef Name, unsigned ArgIndex) {
  FunctionRole &Role = entry(Name);
  if (Role.ArgRoles.size() <= ArgIndex)
    Role.ArgRoles.resize(ArgIndex + 1, ArgumentRole::Use);
  Role.ArgRoles[ArgIndex] = ArgumentRole::Release;
}

void HandleCatalog::addUse(llvm::StringRef Name) { (void)entry(Name); }

const FunctionRole *HandleCatalog::roleOf(llvm::StringRef Name) const {
  auto It = Roles.find(Name);
  return It == Roles.end() ? nullptr : &It->second;
}

/// True when \p FD is a free function the catalog may describe: at global
/// scope, in namespace std, or declared with C linkage.
static bool isLibraryFunction(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (DC->isTranslationUnit() || FD->isExternC())
    return true;
  if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
    return NS->isStdNamespace();
  return false;
}

const FunctionRole *HandleCatalog::roleOf(const FunctionDecl *Callee) const {
  if (!Callee)
    return nullptr;
  const IdentifierInfo *II = Callee->getIdentifier();
  if (!II || !isLibraryFunction(Callee))
    return nullptr;
  return roleOf(II->getName());
}

std::vector<std::string> HandleCatalog::acquireFunctionNames() const {
  std::vector<std::string> Names;
  for (const auto &Entry : Roles)
    if (Entry.second.Acquires)
      Names.push_back(Entry.first().str());
  llvm::sort(Names);
  return Names;
}

} // namespace clang::tidy::resource
