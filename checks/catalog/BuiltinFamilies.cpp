//===--- BuiltinFamilies.cpp - resource-tidy ------------------------------===//
//
// The built-in catalog, as data: one FamilySpec per kind of handle, in the
// spirit of the static analyzer's StreamChecker description table. Adding a
// library is one entry here and one lit test.
//
//===----------------------------------------------------------------------===//

#include "catalog/HandleFamilies.h"
#include <initializer_list>

namespace clang::tidy::resource {

namespace {

/// One acquiring function of a family.
struct AcquireSpec {
  const char *Name;
  /// Noun for messages; null means the family's.
  const char *Noun = nullptr;
  /// Out-parameter index (and handle count), or -1 for the result.
  int OutParam = -1;
  unsigned OutCount = 1;
  /// Only for declarations returning this type name (Winsock's SOCKET).
  const char *WhenReturnType = "";
  /// Out-parameter acquisitions returning 0 on success, writing nothing on
  /// failure.
  bool ZeroStatusMeansAcquired = false;
};

/// A function that returns one of its arguments (the same handle).
struct AliasSpec {
  const char *Name;
  unsigned ArgIndex;
};

/// An argument a function takes ownership of.
struct SinkSpec {
  const char *Name;
  unsigned ArgIndex;
};

/// A handle the family's objects keep inside them (HeldSlot).
struct HeldSpec {
  /// The held handle's family: how it is closed, what it is called.
  HandleFamily Family;
  /// Returns the held handle from the object (argument 0).
  const char *Getter;
  /// Store their argument 1 into the object (argument 0), dropping the old
  /// handle; Replacers close the old one first.
  std::initializer_list<const char *> Setters;
  std::initializer_list<const char *> Replacers;
};

struct FamilySpec {
  HandleFamily Family;
  /// Noun for the acquired handle in messages.
  const char *Noun;
  std::initializer_list<AcquireSpec> Acquires;
  /// Release functions (first argument released). Family.ReleaseFunction is
  /// the one fix-its insert.
  std::initializer_list<const char *> Releases;
  /// Functions that only use handles of this family.
  std::initializer_list<const char *> Uses;
  std::initializer_list<SinkSpec> Sinks = {};
  std::initializer_list<AliasSpec> Aliases = {};
  const HeldSpec *Held = nullptr;
};

using IVK = InvalidValueKind;

// The tables are laid out by hand, one entry per line where it reads
// best.
// clang-format off
// close(-1) fails with EBADF and does no harm, so an unchecked descriptor can
// be closed without a guard.
const FamilySpec PosixDescriptor = {
    {"posix-fd", "close", IVK::NegativeInteger, true, "descriptor"},
    "file descriptor",
    {{"socket", "socket"},
     {"accept", "socket"},
     {"accept4", "socket"},
     {"open"},
     {"open64"},
     {"openat"},
     {"openat64"},
     {"creat"},
     {"creat64"},
     {"dup"},
     {"dup3"},
     {"epoll_create", "epoll descriptor"},
     {"epoll_create1", "epoll descriptor"},
     {"eventfd", "event descriptor"},
     {"timerfd_create", "timer descriptor"},
     {"signalfd", "signal descriptor"},
     {"inotify_init", "inotify descriptor"},
     {"inotify_init1", "inotify descriptor"},
     {"memfd_create", "memory file descriptor"},
     // These fill in the name of the file they create, and return its
     // descriptor.
     {"mkstemp"},
     {"mkostemp"},
     {"mkstemps"},
     {"mkostemps"},
     {"pipe", "pipe descriptor", 0, 2, "", true},
     {"pipe2", "pipe descriptor", 0, 2, "", true},
     {"socketpair", "socket", 3, 2, "", true}},
    {"close"},
    {"read", "write", "pread", "pwrite", "pread64", "pwrite64", "readv",
     "writev", "preadv", "pwritev", "send", "sendto", "sendmsg", "sendmmsg",
     "recv", "recvfrom", "recvmsg", "recvmmsg", "connect", "bind", "listen",
     "shutdown", "setsockopt", "getsockopt", "getsockname", "getpeername",
     "fcntl", "fcntl64", "ioctl", "fstat", "fstat64", "fstatat", "fstatfs",
     "fstatvfs", "fsync", "fdatasync", "ftruncate", "ftruncate64", "lseek",
     "lseek64", "isatty", "ttyname", "ttyname_r", "tcgetattr", "tcsetattr",
     "tcflush", "tcdrain", "fchmod", "fchown", "fchdir", "flock", "lockf",
     "posix_fadvise", "posix_fallocate", "fallocate", "sendfile", "splice",
     "tee", "mmap", "mmap64", "dup2", "epoll_ctl", "epoll_wait",
     "epoll_pwait", "inotify_add_watch", "inotify_rm_watch",
     "timerfd_settime", "timerfd_gettime", "eventfd_read", "eventfd_write",
     "fgetxattr", "fsetxattr", "getdents64", "futimens", "sockatmark",
     "fexecve", "__read_chk", "__recv_chk", "__recvfrom_chk", "__pread_chk",
     "__pread64_chk",
     // FD_SET / FD_ISSET under _FORTIFY_SOURCE.
     "__fdelt_chk", "__fdelt_warn"},
    // These move the descriptor they are given into a stream.
    {{"fdopen", 0}, {"fdopendir", 0}}};

const FamilySpec StdioStream = {
    {"stdio-stream", "fclose", IVK::NullPointer, false, "stream"},
    "FILE stream",
    {{"fopen"}, {"fopen64"}, {"tmpfile"}, {"tmpfile64"}, {"fdopen"}},
    {"fclose"},
    {"fprintf", "vfprintf", "fscanf", "vfscanf", "fputs", "fputc", "putc",
     "fgets", "fgetc", "getc", "ungetc", "fread", "fwrite", "fflush", "fseek",
     "fseeko", "fseeko64", "ftell", "ftello", "ftello64", "rewind",
     "fgetpos", "fsetpos", "feof", "ferror", "clearerr", "fileno", "setvbuf",
     "setbuf", "setlinebuf", "getline", "getdelim", "flockfile",
     "funlockfile", "ftrylockfile", "fputws", "fgetws", "fputwc", "fgetwc",
     "fwide", "fprintf_unlocked", "fwrite_unlocked", "fread_unlocked",
     "fgets_unlocked", "fputs_unlocked", "fflush_unlocked", "putc_unlocked",
     "getc_unlocked", "fileno_unlocked", "feof_unlocked", "ferror_unlocked",
     "__fprintf_chk", "__vfprintf_chk", "__fread_chk", "__fgets_chk",
     // Formatting and logging only read the value.
     "printf", "snprintf", "sprintf", "syslog", "perror", "__printf_chk",
     "__snprintf_chk", "__sprintf_chk", "__syslog_chk"},
    {},
    // freopen(path, mode, stream) reopens the stream it is given in place
    // and returns it.
    {{"freopen", 2}, {"freopen64", 2}}};

const FamilySpec StdioProcess = {
    {"stdio-process", "pclose", IVK::NullPointer, false, "stream"},
    "process stream",
    {{"popen"}},
    {"pclose"},
    {}};

const FamilySpec PosixDirectory = {
    {"posix-dir", "closedir", IVK::NullPointer, false, "directory stream"},
    "directory stream",
    {{"opendir"}, {"fdopendir"}},
    {"closedir"},
    {"readdir", "readdir64", "readdir_r", "rewinddir", "telldir", "seekdir",
     "dirfd"}};

// freeaddrinfo(NULL) crashes in glibc.
const FamilySpec AddressInfo = {
    {"addrinfo", "freeaddrinfo", IVK::NullPointer, false, "address list"},
    "address list",
    {{"getaddrinfo", nullptr, 3, 1, "", true}},
    {"freeaddrinfo"},
    {}};

// libpq: PQfinish(NULL) and PQclear(NULL) do nothing.
const FamilySpec PostgresConnection = {
    {"libpq-conn", "PQfinish", IVK::NullPointer, true, "connection"},
    "PostgreSQL connection",
    {{"PQconnectdb"},
     {"PQconnectdbParams"},
     {"PQsetdbLogin"},
     {"PQconnectStart"},
     {"PQconnectStartParams"}},
    {"PQfinish"},
    {"PQstatus", "PQerrorMessage", "PQsocket", "PQconnectPoll", "PQreset",
     "PQresetStart", "PQresetPoll", "PQexec", "PQexecParams", "PQprepare",
     "PQexecPrepared", "PQsendQuery", "PQsendQueryParams", "PQgetResult",
     "PQconsumeInput", "PQisBusy", "PQsetnonblocking", "PQflush",
     "PQtransactionStatus", "PQparameterStatus", "PQserverVersion", "PQdb",
     "PQuser", "PQhost", "PQport", "PQbackendPID", "PQclientEncoding",
     "PQsetClientEncoding", "PQescapeLiteral", "PQescapeIdentifier",
     "PQescapeStringConn", "PQnotifies", "PQping"}};

const FamilySpec PostgresResult = {
    {"libpq-result", "PQclear", IVK::NullPointer, true, "result"},
    "PostgreSQL result",
    {{"PQexec"},
     {"PQexecParams"},
     {"PQprepare"},
     {"PQexecPrepared"},
     {"PQdescribePrepared"},
     {"PQgetResult"}},
    {"PQclear"},
    {"PQresultStatus", "PQresultErrorMessage", "PQntuples", "PQnfields",
     "PQgetvalue", "PQgetlength", "PQgetisnull", "PQfname", "PQcmdTuples",
     "PQresStatus"}};

// libcurl: the cleanup functions accept NULL.
const FamilySpec CurlEasy = {
    {"curl-easy", "curl_easy_cleanup", IVK::NullPointer, true, "handle"},
    "curl easy handle",
    {{"curl_easy_init"}, {"curl_easy_duphandle"}},
    {"curl_easy_cleanup"},
    {"curl_easy_setopt", "curl_easy_perform", "curl_easy_getinfo",
     "curl_easy_reset", "curl_easy_pause", "curl_easy_recv",
     "curl_easy_send", "curl_easy_upkeep", "curl_multi_remove_handle"}};

const FamilySpec CurlMulti = {
    {"curl-multi", "curl_multi_cleanup", IVK::NullPointer, true, "handle"},
    "curl multi handle",
    {{"curl_multi_init"}},
    {"curl_multi_cleanup"},
    {"curl_multi_perform", "curl_multi_poll", "curl_multi_wait",
     "curl_multi_wakeup", "curl_multi_info_read", "curl_multi_setopt",
     "curl_multi_fdset", "curl_multi_timeout", "curl_multi_socket_action"},
    // The multi handle drives the easy handle it is given and hands it back
    // through curl_multi_info_read.
    {{"curl_multi_add_handle", 1}}};

const FamilySpec CurlUrl = {
    {"curl-url", "curl_url_cleanup", IVK::NullPointer, true, "URL handle"},
    "curl URL handle",
    {{"curl_url"}, {"curl_url_dup"}},
    {"curl_url_cleanup"},
    {"curl_url_set", "curl_url_get"}};

// SQLite: sqlite3_open* allocate a handle even when they fail, and
// sqlite3_close(NULL) is a harmless no-op.
const FamilySpec SqliteConnection = {
    {"sqlite3", "sqlite3_close", IVK::NullPointer, true, "connection"},
    "SQLite connection",
    {{"sqlite3_open", nullptr, 1},
     {"sqlite3_open_v2", nullptr, 1},
     {"sqlite3_open16", nullptr, 1}},
    {"sqlite3_close", "sqlite3_close_v2"},
    {"sqlite3_exec", "sqlite3_errmsg", "sqlite3_errcode",
     "sqlite3_extended_errcode", "sqlite3_busy_timeout", "sqlite3_changes",
     "sqlite3_total_changes", "sqlite3_last_insert_rowid",
     "sqlite3_get_autocommit", "sqlite3_db_filename", "sqlite3_interrupt",
     "sqlite3_limit", "sqlite3_create_function", "sqlite3_create_function_v2",
     "sqlite3_free"}};

const FamilySpec SqliteStatement = {
    {"sqlite3-stmt", "sqlite3_finalize", IVK::NullPointer, true, "statement"},
    "SQLite statement",
    {{"sqlite3_prepare", nullptr, 3, 1, "", true},
     {"sqlite3_prepare_v2", nullptr, 3, 1, "", true},
     {"sqlite3_prepare_v3", nullptr, 3, 1, "", true},
     {"sqlite3_prepare16_v2", nullptr, 3, 1, "", true}},
    {"sqlite3_finalize"},
    {"sqlite3_step", "sqlite3_reset", "sqlite3_clear_bindings",
     "sqlite3_bind_int", "sqlite3_bind_int64", "sqlite3_bind_double",
     "sqlite3_bind_text", "sqlite3_bind_blob", "sqlite3_bind_null",
     "sqlite3_column_int", "sqlite3_column_int64", "sqlite3_column_double",
     "sqlite3_column_text", "sqlite3_column_blob", "sqlite3_column_bytes",
     "sqlite3_column_count", "sqlite3_column_type", "sqlite3_column_name",
     "sqlite3_sql", "sqlite3_expanded_sql"}};

// OpenSSL: the *_free functions accept NULL.
const FamilySpec OpenSslSession = {
    {"openssl-ssl", "SSL_free", IVK::NullPointer, true, "connection"},
    "TLS connection",
    {{"SSL_new"}},
    {"SSL_free"},
    {"SSL_set_fd", "SSL_set_rfd", "SSL_set_wfd", "SSL_connect", "SSL_accept",
     "SSL_do_handshake", "SSL_read", "SSL_write", "SSL_read_ex",
     "SSL_write_ex", "SSL_peek", "SSL_shutdown", "SSL_get_error",
     "SSL_pending", "SSL_ctrl", "SSL_set_connect_state",
     "SSL_set_accept_state", "SSL_get_peer_certificate",
     "SSL_get1_peer_certificate", "SSL_get_verify_result",
     "SSL_set_ex_data", "SSL_get_ex_data", "SSL_get_fd", "SSL_set1_host",
     "SSL_get_servername", "SSL_get_current_cipher", "SSL_get_version"},
    // SSL_set_bio(ssl, rbio, wbio) hands both BIOs to the connection.
    {{"SSL_set_bio", 1}, {"SSL_set_bio", 2}, {"SSL_set0_rbio", 1},
     {"SSL_set0_wbio", 1}}};

const FamilySpec OpenSslContext = {
    {"openssl-ctx", "SSL_CTX_free", IVK::NullPointer, true, "context"},
    "TLS context",
    {{"SSL_CTX_new"}},
    {"SSL_CTX_free"},
    {"SSL_CTX_ctrl", "SSL_CTX_set_options", "SSL_CTX_use_certificate_file",
     "SSL_CTX_use_certificate_chain_file", "SSL_CTX_use_PrivateKey_file",
     "SSL_CTX_check_private_key", "SSL_CTX_load_verify_locations",
     "SSL_CTX_set_verify", "SSL_CTX_set_cipher_list",
     "SSL_CTX_set_default_verify_paths", "SSL_CTX_set_alpn_protos",
     "SSL_new"}};

const FamilySpec OpenSslBio = {
    {"openssl-bio", "BIO_free_all", IVK::NullPointer, true, "BIO"},
    "BIO",
    {{"BIO_new_connect"}, {"BIO_new_accept"}, {"BIO_new_socket"}},
    {"BIO_free", "BIO_free_all", "BIO_vfree"},
    {"BIO_read", "BIO_write", "BIO_read_ex", "BIO_write_ex", "BIO_puts",
     "BIO_gets", "BIO_ctrl", "BIO_int_ctrl", "BIO_ptr_ctrl", "BIO_callback_ctrl",
     "BIO_should_retry", "BIO_test_flags"}};

// MySQL / MariaDB: mysql_close(NULL) does nothing. mysql_real_connect
// returns its first argument (or NULL): the connection mysql_init made.
const FamilySpec MysqlConnection = {
    {"mysql", "mysql_close", IVK::NullPointer, true, "connection"},
    "MySQL connection",
    {{"mysql_init"}},
    {"mysql_close"},
    {"mysql_query", "mysql_real_query", "mysql_error", "mysql_errno",
     "mysql_options", "mysql_options4", "mysql_ping", "mysql_select_db",
     "mysql_set_character_set", "mysql_affected_rows", "mysql_insert_id",
     "mysql_real_escape_string", "mysql_commit", "mysql_rollback",
     "mysql_autocommit", "mysql_stat", "mysql_get_server_info",
     "mysql_field_count", "mysql_store_result", "mysql_use_result"},
    {},
    {{"mysql_real_connect", 0}}};

const FamilySpec MysqlResult = {
    {"mysql-result", "mysql_free_result", IVK::NullPointer, true, "result"},
    "MySQL result",
    {{"mysql_store_result"}, {"mysql_use_result"}},
    {"mysql_free_result"},
    {"mysql_fetch_row", "mysql_num_rows", "mysql_num_fields",
     "mysql_fetch_lengths", "mysql_fetch_field", "mysql_fetch_fields",
     "mysql_data_seek"}};

// hiredis: redisFree(NULL) and freeReplyObject(NULL) do nothing. A context
// is returned even when connecting fails (with c->err set).
const FamilySpec RedisContext = {
    {"hiredis", "redisFree", IVK::NullPointer, true, "connection"},
    "Redis connection",
    {{"redisConnect"},
     {"redisConnectWithTimeout"},
     {"redisConnectUnix"},
     {"redisConnectUnixWithTimeout"},
     {"redisConnectNonBlock"},
     {"redisConnectWithOptions"},
     {"redisConnectFd"}},
    {"redisFree"},
    {"redisCommand", "redisvCommand", "redisCommandArgv",
     "redisAppendCommand", "redisAppendCommandArgv", "redisGetReply",
     "redisSetTimeout", "redisEnableKeepAlive", "redisReconnect",
     "redisBufferRead", "redisBufferWrite"}};

const FamilySpec RedisReply = {
    {"hiredis-reply", "freeReplyObject", IVK::NullPointer, true, "reply"},
    "Redis reply",
    {{"redisCommand"}, {"redisvCommand"}, {"redisCommandArgv"}},
    {"freeReplyObject"},
    {}};

// ZeroMQ: zmq_close(NULL) fails with EFAULT.
const FamilySpec ZmqSocket = {
    {"zmq-socket", "zmq_close", IVK::NullPointer, false, "socket"},
    "ZeroMQ socket",
    {{"zmq_socket"}},
    {"zmq_close"},
    {"zmq_connect", "zmq_bind", "zmq_disconnect", "zmq_unbind", "zmq_send",
     "zmq_recv", "zmq_send_const", "zmq_setsockopt", "zmq_getsockopt",
     "zmq_msg_send", "zmq_msg_recv", "zmq_socket_monitor"}};

const FamilySpec ZmqContext = {
    {"zmq-context", "zmq_ctx_term", IVK::NullPointer, false, "context"},
    "ZeroMQ context",
    {{"zmq_ctx_new"}},
    {"zmq_ctx_term", "zmq_ctx_destroy"},
    {"zmq_ctx_set", "zmq_ctx_get", "zmq_ctx_shutdown", "zmq_socket"}};

// libevent: the *_free functions do not accept NULL.
const FamilySpec EventBase = {
    {"libevent-base", "event_base_free", IVK::NullPointer, false,
     "event base"},
    "event base",
    {{"event_base_new"}, {"event_base_new_with_config"}},
    {"event_base_free"},
    {"event_base_dispatch", "event_base_loop", "event_base_loopbreak",
     "event_base_loopexit", "event_base_get_method", "bufferevent_socket_new",
     "evconnlistener_new_bind", "evconnlistener_new", "event_new",
     "evtimer_new", "evsignal_new", "event_base_once"}};

// A bufferevent holds a descriptor: bufferevent_setfd drops it without
// closing it (libevent #1143), bufferevent_replacefd closes it first, and
// bufferevent_free closes it when the buffer event owns it.
const HeldSpec BufferEventDescriptor = {
    {"libevent-socket", "evutil_closesocket", IVK::NegativeInteger, true,
     "socket"},
    "bufferevent_getfd",
    {"bufferevent_setfd"},
    {"bufferevent_replacefd"}};

const FamilySpec BufferEvent = {
    {"libevent-bufferevent", "bufferevent_free", IVK::NullPointer, false,
     "buffer event"},
    "buffer event",
    {{"bufferevent_socket_new"}},
    {"bufferevent_free"},
    {"bufferevent_enable", "bufferevent_disable", "bufferevent_write",
     "bufferevent_read", "bufferevent_get_input", "bufferevent_get_output",
     "bufferevent_socket_connect", "bufferevent_socket_connect_hostname",
     "bufferevent_setwatermark", "bufferevent_set_timeouts",
     "bufferevent_getfd", "bufferevent_flush", "bufferevent_setfd",
     "bufferevent_replacefd"},
    // With BEV_OPT_CLOSE_ON_FREE the buffer event owns the descriptor. Once
    // its callbacks are set, the event loop drives it and they free it.
    {{"bufferevent_socket_new", 1},
     {"bufferevent_setcb", 0},
     {"bufferevent_setfd", 1},
     {"bufferevent_replacefd", 1}},
    {},
    &BufferEventDescriptor};

const FamilySpec ConnectionListener = {
    {"libevent-listener", "evconnlistener_free", IVK::NullPointer, false,
     "listener"},
    "connection listener",
    {{"evconnlistener_new_bind"}, {"evconnlistener_new"}},
    {"evconnlistener_free"},
    {"evconnlistener_set_error_cb", "evconnlistener_get_base",
     "evconnlistener_enable", "evconnlistener_disable",
     "evconnlistener_get_fd"},
    {{"evconnlistener_new", 5}}};

const FamilySpec LibeventEvent = {
    {"libevent-event", "event_free", IVK::NullPointer, false, "event"},
    "event",
    {{"event_new"}},
    {"event_free"},
    {"event_del", "event_active", "event_pending", "event_get_fd"},
    // An added event belongs to its loop until its callback frees it; an
    // event keeps the descriptor it watches.
    {{"event_add", 0}, {"event_new", 1}, {"event_assign", 2}}};

// libssh: ssh_free(NULL) does nothing; libssh2_session_free(NULL) crashes.
const FamilySpec SshSession = {
    {"libssh", "ssh_free", IVK::NullPointer, true, "session"},
    "SSH session",
    {{"ssh_new"}},
    {"ssh_free"},
    {"ssh_options_set", "ssh_options_get", "ssh_connect", "ssh_disconnect",
     "ssh_is_connected", "ssh_get_error", "ssh_get_error_code",
     "ssh_userauth_password", "ssh_userauth_publickey_auto",
     "ssh_userauth_none", "ssh_session_is_known_server",
     "ssh_get_server_publickey", "ssh_set_blocking", "ssh_channel_new"}};

const FamilySpec Ssh2Session = {
    {"libssh2", "libssh2_session_free", IVK::NullPointer, false, "session"},
    "SSH2 session",
    {{"libssh2_session_init_ex"}},
    {"libssh2_session_free"},
    {"libssh2_session_handshake", "libssh2_session_startup",
     "libssh2_session_disconnect_ex", "libssh2_session_set_blocking",
     "libssh2_session_last_error", "libssh2_userauth_password_ex",
     "libssh2_userauth_publickey_fromfile_ex", "libssh2_userauth_list",
     "libssh2_session_hostkey", "libssh2_channel_open_ex",
     "libssh2_session_set_timeout"}};

// Winsock: socket() and accept() returning SOCKET pair with closesocket();
// closesocket(INVALID_SOCKET) fails harmlessly.
const FamilySpec WinsockSocket = {
    {"winsock", "closesocket", IVK::Sentinel, true, "socket",
     "INVALID_SOCKET"},
    "socket",
    {{"socket", nullptr, -1, 1, "SOCKET"},
     {"accept", nullptr, -1, 1, "SOCKET"},
     {"WSASocketA"},
     {"WSASocketW"},
     {"WSAAccept"}},
    {"closesocket"},
    {"ioctlsocket", "WSAIoctl", "WSASend", "WSARecv", "WSASendTo",
     "WSARecvFrom", "WSAEventSelect", "WSAAsyncSelect", "select"}};

const FamilySpec WindowsHandle = {
    {"win32-file", "CloseHandle", IVK::Sentinel, false, "handle",
     "INVALID_HANDLE_VALUE"},
    "file handle",
    {{"CreateFileA"}, {"CreateFileW"}},
    {"CloseHandle"},
    {"ReadFile", "WriteFile", "GetFileSize", "GetFileSizeEx",
     "SetFilePointer", "SetFilePointerEx", "FlushFileBuffers",
     "DeviceIoControl", "GetFileType", "LockFile", "UnlockFile",
     "GetFileInformationByHandle", "SetEndOfFile"}};

const FamilySpec *const AllFamilies[] = {
    &PosixDescriptor,  &StdioStream,        &StdioProcess,
    &PosixDirectory,   &AddressInfo,        &PostgresConnection,
    &PostgresResult,   &CurlEasy,           &CurlMulti,
    &CurlUrl,          &SqliteConnection,   &SqliteStatement,
    &OpenSslSession,   &OpenSslContext,     &OpenSslBio,
    &MysqlConnection,  &MysqlResult,        &RedisContext,
    &RedisReply,       &ZmqSocket,          &ZmqContext,
    &EventBase,        &BufferEvent,        &ConnectionListener,
    &LibeventEvent,    &SshSession,         &Ssh2Session,
    &WinsockSocket,    &WindowsHandle,
};
// clang-format on

} // namespace

std::vector<std::string> HandleCatalog::builtinFamilyIds() {
  std::vector<std::string> Ids;
  for (const FamilySpec *Spec : AllFamilies)
    Ids.push_back(Spec->Family.Id);
  return Ids;
}

HandleCatalog
HandleCatalog::builtin(llvm::function_ref<bool(llvm::StringRef)> IsEnabled) {
  HandleCatalog Catalog;
  llvm::SmallVector<const FamilySpec *, 32> Enabled;
  for (const FamilySpec *Spec : AllFamilies)
    if (!IsEnabled || IsEnabled(Spec->Family.Id))
      Enabled.push_back(Spec);
  // Use-only entries first: a function that both uses one family's handle
  // and acquires another's (PQexec uses a connection, returns a result)
  // ends up as an acquisition whose arguments are uses.
  for (const FamilySpec *Spec : Enabled)
    for (const char *Name : Spec->Uses)
      Catalog.addUse(Name);
  for (const FamilySpec *Spec : Enabled) {
    const HandleFamily *Family = Catalog.addFamily(Spec->Family);
    for (const AcquireSpec &Acquire : Spec->Acquires)
      Catalog
          .addAcquire(
              Acquire.Name, Family, Acquire.Noun ? Acquire.Noun : Spec->Noun,
              Acquire.OutParam, Acquire.OutCount, Acquire.WhenReturnType)
          .ZeroStatusMeansAcquired = Acquire.ZeroStatusMeansAcquired;
    for (const char *Name : Spec->Releases)
      Catalog.addRelease(Name, 0, Family);
  }
  for (const FamilySpec *Spec : Enabled) {
    for (const SinkSpec &Sink : Spec->Sinks)
      Catalog.addSink(Sink.Name, Sink.ArgIndex);
    for (const AliasSpec &Alias : Spec->Aliases)
      Catalog.addReturnsArgument(Alias.Name, Alias.ArgIndex);
    if (const HeldSpec *Held = Spec->Held) {
      const HandleFamily *Family = Catalog.addFamily(Held->Family);
      Catalog.addRelease(Family->ReleaseFunction, 0, Family);
      const HeldSlot *Slot = Catalog.addHeldSlot(Family, Held->Getter);
      Catalog.addHeldAccess(Held->Getter, {Slot, HeldAccessKind::Get, 0, 0});
      for (const char *Name : Held->Setters)
        Catalog.addHeldAccess(Name, {Slot, HeldAccessKind::Set, 0, 1});
      for (const char *Name : Held->Replacers)
        Catalog.addHeldAccess(Name, {Slot, HeldAccessKind::Replace, 0, 1});
    }
  }
  return Catalog;
}

} // namespace clang::tidy::resource
