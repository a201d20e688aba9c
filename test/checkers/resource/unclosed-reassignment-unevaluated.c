// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=gnu11

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// Unevaluated operands neither use nor hand over the handle.
void unevaluated(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  size_t size = sizeof(fd);
  __typeof__(fd) other = 0;
  (void)size;
  (void)other;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

// _Generic picks the callee at compile time; close is still close.
#define RELEASE(h) _Generic((h), int: close, FILE *: fclose)(h)

void generic_release(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  RELEASE(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  FILE *fp = fopen("a", "r");
  RELEASE(fp);
  fp = fopen("b", "r");
  RELEASE(fd);
  if (fp)
    RELEASE(fp);
}
