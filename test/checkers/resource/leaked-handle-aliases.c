// RUN: %check_resource_tidy %s resource-leaked-handle %t

// A handle with two names leaks where its last name goes away, once.

#include <sys/socket.h>
#include <unistd.h>

void copy_in_inner_scope(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  {
    int copy = fd;
    (void)copy;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]

void closed_through_inner_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  {
    int copy = fd;
    close(copy);
  }
}

int returned_through_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int copy = fd;
  return copy;
}
