// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes -- -isystem %S/Inputs/libs

#include <cstdio>
#include <libpq-fe.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

// The seed's bug: reconnect() runs again and again on the same object.
class Client {
public:
  void reconnect() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: close the previous descriptor first if 'fd_' can still hold one here
    // The prior state is unknown: the fix is guarded, and on a note.
    // CHECK-FIXES: {{^}}    if (fd_ >= 0) close(fd_);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd_ = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  }
  ~Client() { close(fd_); }

private:
  int fd_ = -1;
};

class Logger {
public:
  void rotate(const char *path) {
    log_ = std::fopen(path, "a");
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'log_' may still hold an open FILE stream from a previous call; it is overwritten without being closed
    // CHECK-FIXES: {{^}}    if (log_) fclose(log_);{{$}}
  }

private:
  std::FILE *log_ = nullptr;
};

class Database {
public:
  void connect(const char *info) {
    conn_ = PQconnectdb(info);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'conn_' may still hold an open PostgreSQL connection from a previous call; it is overwritten without being closed
    // CHECK-FIXES: {{^}}    if (conn_) PQfinish(conn_);{{$}}
  }
  ~Database() { PQfinish(conn_); }

private:
  PGconn *conn_ = nullptr;
};

class WebSocket {
public:
  explicit WebSocket(const std::string &url);
  void close();
};

class Page {
public:
  // The C++ analog of an onclick handler that opens a new socket.
  void onClick(const std::string &url) {
    socket_ = new WebSocket(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'socket_' may still hold an open 'WebSocket' object from a previous call; it is overwritten without being closed
    // CHECK-FIXES: {{^}}    if (socket_) { socket_->close(); delete socket_; }{{$}}
  }

private:
  WebSocket *socket_ = nullptr;
};

// Guards that prove the storage holds no handle: silent.
class Guarded {
public:
  void ensureOpen() {
    if (fd_ < 0)
      fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void reopen() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void openOnce() {
    if (fd_ != -1)
      return;
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void reset() {
    ::close(fd_);
    fd_ = -1;
  }
  // Resetting storage from an earlier call to a non-handle value is usually
  // a hand-over (the handle went elsewhere): not reported. The reset then
  // proves the later acquisition safe.
  void afterReset() {
    fd_ = -1;
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }

private:
  int fd_ = -1;
};

// A constructor starts from the initializers: its first assignment is fine.
class Constructed {
public:
  Constructed() { fd_ = socket(AF_INET, SOCK_STREAM, 0); }
  explicit Constructed(int) : fd_(-1) { fd_ = socket(AF_INET, SOCK_STREAM, 0); }
  Constructed(int, int) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' is overwritten while it still holds an open socket
  }
  ~Constructed() { ::close(fd_); }

private:
  int fd_;
};

// A field that only ever holds counters is never a handle.
class Counters {
public:
  void tick() {
    count_ = count_ + 1;
    count_ = 0;
  }

private:
  int count_ = 0;
};

// A virtual method called on the object: an override may run instead, but
// the class's own version's releases are trusted (`stop(); sock_ =
// socket(...)` with a `stop()` that closes).
struct Endpoint {
  virtual void stop() = 0;
  virtual ~Endpoint() {}
};

class StreamEndpoint : public Endpoint {
public:
  void stop() override {
    if (sock_ >= 0)
      ::close(sock_);
    sock_ = -1;
  }
  int open() {
    stop();
    sock_ = socket(AF_INET, SOCK_STREAM, 0);
    return sock_;
  }

private:
  int sock_ = -1;
};

class DatagramEndpoint : public Endpoint {
public:
  void stop() override { stopped_ = true; }
  int open() {
    stop();
    sock_ = socket(AF_INET, SOCK_DGRAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'sock_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    // CHECK-FIXES: {{^}}    if (sock_ >= 0) close(sock_);{{$}}
    return sock_;
  }
  ~DatagramEndpoint() override {
    if (sock_ >= 0)
      ::close(sock_);
  }

private:
  int sock_ = -1;
  bool stopped_ = false;
};
