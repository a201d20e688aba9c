// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// The usual "close and reset" helper macros are understood through their
// expansion.
#define SAFE_CLOSE(fd)                                                         \
  do {                                                                         \
    if ((fd) >= 0)                                                             \
      close(fd);                                                               \
    (fd) = -1;                                                                 \
  } while (0)

#define SAFE_FCLOSE(fp)                                                        \
  do {                                                                         \
    if (fp) {                                                                  \
      fclose(fp);                                                              \
      (fp) = NULL;                                                             \
    }                                                                          \
  } while (0)

#define FORGET(fd) ((fd) = -1)

void closed_through_macro(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  SAFE_CLOSE(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  SAFE_CLOSE(fd);
  FILE *fp = fopen("a", "r");
  SAFE_FCLOSE(fp);
  fp = fopen("b", "r");
  SAFE_FCLOSE(fp);
}

void forgotten_through_macro(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  FORGET(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-MESSAGES: :[[@LINE-17]]:26: note: expanded from macro 'FORGET'
  // CHECK-FIXES: {{^}}  FORGET(fd);{{$}}
}
