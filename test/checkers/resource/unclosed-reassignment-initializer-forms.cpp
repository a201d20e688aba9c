// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

// Every way C++ initialises a handle is an acquisition.

#include <cstdlib>
#include <sys/socket.h>
#include <unistd.h>

class Conn {
public:
  Conn();
  ~Conn();
  void close();
};

int braced() {
  int fd{socket(AF_INET, SOCK_STREAM, 0)};
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  return fd;
}

void braced_objects() {
  Conn *a{new Conn};
  Conn *b = {new Conn()};
  a = new Conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is overwritten while it still holds an open 'Conn' object; the previous object leaks [resource-unclosed-reassignment]
  b = new Conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is overwritten while it still holds an open 'Conn' object; the previous object leaks [resource-unclosed-reassignment]
  a->close();
  delete a;
  b->close();
  delete b;
}

// A conditional that acquires on both arms (or one) acquires.
int either(bool listen_side, int listener) {
  int fd = listen_side ? accept(listener, nullptr, nullptr)
                       : socket(AF_INET, SOCK_STREAM, 0);
  fd = listen_side ? accept(listener, nullptr, nullptr)
                   : socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-2]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  return fd;
}

// mkstemp() fills in the name and returns the descriptor.
int temporary() {
  char name[] = "/tmp/scratchXXXXXX";
  int fd = mkstemp(name);
  fd = mkstemp(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  return fd;
}

// Members opened in a constructor's initializer list, or by their default
// member initializer, hold a handle when a method opens them again.
struct ListInit {
  int fd_;
  ListInit() : fd_{socket(AF_INET, SOCK_STREAM, 0)} {}
  void reconnect() { fd_ = socket(AF_INET, SOCK_STREAM, 0); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
};

struct InClass {
  int fd_{socket(AF_INET, SOCK_STREAM, 0)};
  void reconnect() {
    if (fd_ >= 0)
      close(fd_);
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
};
