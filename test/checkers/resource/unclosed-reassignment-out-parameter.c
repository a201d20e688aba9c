// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Handing the descriptor to the caller through an out-parameter.
int open_pair(int *first, int *second) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  *first = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  *second = fd;
  return 0;
}

// The caller's storage is not this function's local: not tracked here.
void refill(int *slot) {
  *slot = socket(AF_INET, SOCK_STREAM, 0);
  *slot = socket(AF_INET, SOCK_STREAM, 0);
}

int keeps_local_copy(int *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int probe = socket(AF_INET, SOCK_STREAM, 0);
  *out = fd;
  probe = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'probe' is overwritten while it still holds an open socket
  return probe;
}
