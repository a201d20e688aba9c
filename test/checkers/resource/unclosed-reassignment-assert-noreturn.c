// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <assert.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

_Noreturn void die(const char *why);

// assert() and a _Noreturn helper cut off the failure path.
void asserted(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert(fd >= 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // Valid on every path: the fix needs no guard.
  // CHECK-FIXES: {{^}}  assert(fd >= 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  close(fd);
}

void user_noreturn(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    die("socket");
  close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd == -1)
    abort();
  close(fd);
}
