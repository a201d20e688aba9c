// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs

#include <leaky-system-header.h>

// The helper in the system header leaks, but it is not ours to report.
int uses_helper(void) {
  int fd = leaky_helper();
  int mine = socket(AF_INET, SOCK_STREAM, 0);
  mine = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'mine' is overwritten while it still holds an open socket
  return mine;
}

int declared_only(int);
