// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void close_then_assign_in_comma(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd), fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void assign_then_close_in_comma(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0), close(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
}

void conditional_close_expression(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  c ? close(fd) : 0;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'fd' is closed here on some paths, but not on all
  close(fd);
}

void short_circuit_close(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd >= 0 && close(fd) != 0)
    return;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
