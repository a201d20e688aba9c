// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <cstdio>
#include <stdexcept>
#include <sys/socket.h>
#include <tuple>
#include <unistd.h>
#include <utility>
#include <vector>

void if_with_initializer() {
  if (int fd = socket(AF_INET, SOCK_STREAM, 0); fd >= 0) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
    // CHECK-FIXES: {{^}}    close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
    close(fd);
  }
}

void range_for(const std::vector<int> &domains) {
  int fd = -1;
  for (int domain : domains) {
    if (fd >= 0)
      close(fd);
    fd = socket(domain, SOCK_STREAM, 0);
  }
  for (int domain : domains)
    fd = socket(domain, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open socket
  close(fd);
}

void exception_path() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    if (connect(fd, nullptr, 0) != 0)
      throw std::runtime_error("connect");
  } catch (const std::exception &) {
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  close(fd);
}

void pointer_checks_cpp(const char *path) {
  std::FILE *fp = std::fopen(path, "r");
  if (fp == nullptr)
    fp = std::fopen("/dev/null", "r");
  if (nullptr != fp)
    std::fclose(fp);
  fp = std::fopen(path, "r");
  if (fp != nullptr)
    fp = std::fopen("/dev/zero", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fp' is overwritten while it still holds an open FILE stream
}

class Client {
public:
  int connect_twice() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
    return fd;
  }
  Client() {
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    probe = -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'probe' is overwritten while it still holds an open socket
  }
  ~Client() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
  }
};

// std::exchange returns the old value: a statement of its own drops it.
void exchange_dropped() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  std::exchange(fd, socket(AF_INET, SOCK_STREAM, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}void exchange_dropped() {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  int fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::exchange(fd, socket(AF_INET, SOCK_STREAM, 0));{{$}}
  close(fd);
}

// Handed to close(), or kept: nothing is lost.
void exchange_closed() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(std::exchange(fd, socket(AF_INET, SOCK_STREAM, 0)));
  close(fd);
}
int exchange_kept() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int old = std::exchange(fd, socket(AF_INET, SOCK_STREAM, 0));
  close(fd);
  return old;
}

// After std::swap the handle in 'b' was opened as 'a': the note says so.
void swapped_then_overwritten() {
  int a = socket(AF_INET, SOCK_STREAM, 0);
  int b = -1;
  std::swap(a, b);
  b = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: 'b' was opened here, as 'a'{{$}}
  close(b);
}

// `std::tie(fd, err) = v` writes every tied variable.
std::tuple<int, int> open_with_status();
void tie_over_open_descriptor() {
  int tied = socket(AF_INET, SOCK_STREAM, 0);
  int err = 0;
  std::tie(tied, err) = open_with_status();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'tied' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:14: note: 'tied' was opened here
  // CHECK-FIXES: {{^}}  close(tied);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::tie(tied, err) = open_with_status();{{$}}
  close(tied);
}

void tie_spelled_pair() {
  int fd = -1, err = 0;
  std::tie(fd, err) = std::make_pair(socket(AF_INET, SOCK_STREAM, 0), 0);
  std::tie(fd, err) = std::make_pair(socket(AF_INET, SOCK_STREAM, 0), 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: 'fd' was opened here
  close(fd);
}

// Closed first, or not tied: silent.
void tie_after_close() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int err = 0;
  close(fd);
  std::tie(fd, err) = open_with_status();
  close(fd);
}

void tie_ignores_descriptor() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int err = 0;
  std::tie(std::ignore, err) = open_with_status();
  close(fd);
}
