// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Lambda bodies are functions of their own.
void outer() {
  auto connect_twice = [] {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
    return fd;
  };
  int fd = connect_twice();
  close(fd);
}

void nested() {
  auto outer_lambda = [] {
    auto inner_lambda = [](int n) {
      int fd = -1;
      for (int i = 0; i < n; ++i)
        fd = socket(AF_INET, SOCK_STREAM, 0);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
      return fd;
    };
    return inner_lambda(2);
  };
  close(outer_lambda());
}

// A variable of the enclosing function is not the lambda's to track.
void captured_outer_variable() {
  int fd = -1;
  auto reopen = [&fd] {
    fd = socket(AF_INET, SOCK_STREAM, 0);
  };
  reopen();
  reopen();
  close(fd);
}

void lambda_closes_correctly() {
  auto work = [] {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
  };
  work();
}
