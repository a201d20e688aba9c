// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

// C++ fix-its that would not compile, or would free an object twice, are
// not offered.

#include <new>
#include <sys/socket.h>
#include <unistd.h>

class Connection {
public:
  explicit Connection(const char *url);
  ~Connection();
  void close();
  void send(const char *text);
};

// The ordinary case: close, then delete.
void reconnect(const char *url) {
  Connection *c = new Connection(url);
  c->send("hello");
  c = new Connection(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open 'Connection' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  c->close();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  delete c;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  c = new Connection(url);{{$}}
  c->close();
  delete c;
}

// A destructor others may not call: no `delete` from outside.
class Session {
public:
  explicit Session(int fd);
  void close();
  void release();
protected:
  ~Session();
};

void protected_destructor(int fd) {
  Session *s = new Session(fd);
  s = new Session(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open 'Session' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  s = new Session(fd);{{$}}
  s->release();
}

// A close() only the class itself may call.
class Channel {
public:
  Channel();
  ~Channel();
  void disconnect() const;
private:
  void close();
};

void private_close() {
  Channel *ch = new Channel();
  ch = new Channel();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'ch' is overwritten while it still holds an open 'Channel' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  ch = new Channel();{{$}}
  delete ch;
}

// Placement new builds in memory the caller owns: nothing to delete.
void placement(void *first, void *second) {
  Connection *c = new (first) Connection("a");
  c = new (second) Connection("b");
  c->~Connection();
}

// `new (std::nothrow)` does allocate.
void nothrow_new(const char *url) {
  Connection *c = new (std::nothrow) Connection(url);
  c = new (std::nothrow) Connection(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open 'Connection' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (c) { c->close(); delete c; }{{$}}
  delete c;
}

// deleteLater() (Qt) schedules the deletion: a release, never followed by
// a second delete.
class Socket {
public:
  Socket();
  void close();
  void deleteLater();
};

void deferred_delete() {
  Socket *s = new Socket();
  s->deleteLater();
  s = new Socket();
  s->deleteLater();
}

// A variable named like the release function: qualify it.
int shadowed_release(bool close) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  ::close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  return close ? fd : -1;
}

// ... also from a lambda inside it.
void shadowed_in_lambda(int close) {
  auto open_twice = [close]() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-FIXES: {{^}}    ::close(fd);{{$}}
    return fd + close;
  };
  open_twice();
}
