// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void cast_acquisition(void) {
  long fd = (long)socket(AF_INET, SOCK_STREAM, 0);
  fd = (long)socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close((int)fd);
}

void cast_release(void) {
  long fd = socket(AF_INET, SOCK_STREAM, 0);
  close((int)fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close((int)(fd));
}

void void_pointer_stream(void) {
  void *handle = fopen("a", "r");
  handle = fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'handle' is overwritten while it still holds an open FILE stream
  fclose((FILE *)handle);
}

// Storing the handle in an integer of another variable is an escape.
void stored_as_integer(void) {
  FILE *fp = fopen("a", "r");
  uintptr_t saved = (uintptr_t)fp;
  fp = fopen("b", "r");
  fclose(fp);
  fclose((FILE *)saved);
}

// A volatile local (kept across setjmp, say) holds what it is given.
void volatile_local(void) {
  volatile int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  volatile int fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}
