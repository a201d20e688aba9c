// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

struct Closable {
  void close();
};

// A base class member named close() hides ::close in derived methods.
struct Derived : Closable {
  void reconnect() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
    // CHECK-FIXES: {{^}}    ::close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
    ::close(fd);
  }
};

// So does a function of the enclosing namespace.
namespace net {
void close(int);
void reopen() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  ::close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  ::close(fd);
}
} // namespace net

// A lambda inside such a method sees the member too.
struct WithLambda : Closable {
  void run() {
    auto work = [] {
      int fd = socket(AF_INET, SOCK_STREAM, 0);
      fd = socket(AF_INET, SOCK_STREAM, 0);
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' is overwritten while it still holds an open socket
      // CHECK-FIXES: {{^}}      ::close(fd);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
      return fd;
    };
    ::close(work());
  }
};

// An unrelated namespace does not hide anything.
namespace other {
void plain() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}namespace other {{{$}}
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}
} // namespace other
