// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=gnu11

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static void close_fd(int *fd) {
  if (*fd >= 0)
    close(*fd);
}

// The cleanup runs once, at scope end, on the last value: the first leaks.
void cleanup_attribute(void) {
  __attribute__((cleanup(close_fd))) int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
}

void statement_expression(void) {
  int fd = ({ int s = socket(AF_INET, SOCK_STREAM, 0); s; });
  fd = ({ socket(AF_INET, SOCK_STREAM, 0); });
  close(fd);
  int other = socket(AF_INET, SOCK_STREAM, 0);
  other = ({ int t = 1; t + 1; });
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'other' is overwritten while it still holds an open socket
}

void computed_goto(int which) {
  static void *targets[] = {&&first, &&second};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  goto *targets[which & 1];
first:
  close(fd);
second:
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket
  close(fd);
}

void ternary_elvis(int fallback) {
  int fd = socket(AF_INET, SOCK_STREAM, 0) ?: fallback;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void inline_asm(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  __asm__ volatile("" : "+r"(fd));
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
