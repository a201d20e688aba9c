// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c++20 -D_GNU_SOURCE

#include <sys/socket.h>
#include <unistd.h>

struct Endpoint { int fd; int port; };
struct WithDefaults { int fd = -1; int fds[2] = {-1, -1}; int port = 0; };

// `Endpoint ep{};` value-initialises the aggregate: nothing open yet.
int value_initialised() {
  Endpoint ep{};
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  return ep.fd;
}

int value_initialised_twice() {
  Endpoint ep{};
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ep.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(ep.fd);{{$}}
  return ep.fd;
}

// C++20 designated initialisers and default member initialisers.
int designated() {
  Endpoint ep{.fd = socket(AF_INET, SOCK_STREAM, 0), .port = 80};
  WithDefaults d{};
  d.fd = socket(AF_INET, SOCK_STREAM, 0);
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ep.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(ep.fd);{{$}}
  close(d.fd);
  return ep.fd;
}

// Braces around one value are that value: `int fd{socket(...)}`.
int braced_scalar() {
  int fd{socket(AF_INET, SOCK_STREAM, 0)};
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  return fd;
}

// The implicit copy assignment of an aggregate replaces the field.
void aggregate_assignment() {
  Endpoint ep{};
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  ep = Endpoint{-1, 0};
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'ep.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(ep.fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ep = Endpoint{-1, 0};{{$}}
}

// A user-written operator= may close what it replaces: not an overwrite.
struct OwningEndpoint {
  int fd = -1;
  OwningEndpoint &operator=(const OwningEndpoint &Other) {
    if (this != &Other) {
      if (fd >= 0)
        close(fd);
      fd = Other.fd;
    }
    return *this;
  }
};

void owning_assignment(const OwningEndpoint &Fresh) {
  OwningEndpoint ep;
  ep.fd = socket(AF_INET, SOCK_STREAM, 0);
  ep = Fresh;
}

// A descriptor array member filled by pipe() inside a method (the shape
// that crashed): the member is storage that outlives the call.
struct Pipe {
  int fds[2];
  void init() { pipe(fds); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'fds[0]' may still hold an open pipe descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: 'fds[1]' may still hold an open pipe descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
};

// Closed first, it is silent; a constructor starts from a fresh object.
struct ClosingPipe {
  int fds[2] = {-1, -1};
  ClosingPipe() { pipe(fds); }
  void reopen() {
    close(fds[0]);
    close(fds[1]);
    pipe(fds);
  }
};

// Inside one method, the second pipe() over the first leaks both ends.
struct TwicePipe {
  int fds[2] = {-1, -1};
  TwicePipe() {
    if (pipe(fds) != 0)
      return;
    pipe(fds);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-FIXES: {{^}}    close(fds[0]);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    close(fds[1]);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    pipe(fds);{{$}}
  }
};
