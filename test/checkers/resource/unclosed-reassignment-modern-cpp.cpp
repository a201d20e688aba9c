// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c++20

#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

template <bool Reuse> void constexpr_branch() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if constexpr (Reuse) {
    send(fd, "x", 1, 0);
  } else {
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void instantiate_constexpr() {
  constexpr_branch<true>();
  constexpr_branch<false>();
}

// Structured bindings are not variables the check tracks; no crash.
void structured_bindings() {
  auto [a, b] = std::pair<int, int>(socket(AF_INET, SOCK_STREAM, 0), 0);
  close(a);
  (void)b;
}

// A lambda at namespace scope is a function of its own.
auto namespace_lambda = [] {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  return fd;
};

consteval int not_a_handle() { return 3; }

void consteval_value() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = not_a_handle();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void init_statement_in_switch() {
  switch (int fd = socket(AF_INET, SOCK_STREAM, 0); fd) {
  case -1:
    break;
  default:
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
    close(fd);
  }
}
