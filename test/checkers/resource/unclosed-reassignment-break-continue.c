// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>


// The path that skips close() leaves the loop: it never reaches the
// assignment (the descriptor leaks at scope exit, which is not this check's
// business).
void break_before_close(int n) {
  int fd = -1;
  for (int i = 0; i < n; ++i) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
      continue;
    if (connect(fd, 0, 0) != 0)
      break;
    close(fd);
  }
}

void continue_before_close(int n) {
  int fd = -1;
  for (int i = 0; i < n; ++i) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open socket
    if (connect(fd, 0, 0) != 0)
      continue;
    close(fd);
  }
}

void continue_after_close(int n) {
  int fd = -1;
  for (int i = 0; i < n; ++i) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
      continue;
    if (connect(fd, 0, 0) != 0) {
      close(fd);
      continue;
    }
    close(fd);
  }
}

void switch_in_loop(int n) {
  int fd = -1;
  while (n--) {
    switch (n % 3) {
    case 0:
      if (fd >= 0)
        close(fd);
      fd = socket(AF_INET, SOCK_STREAM, 0);
      break;
    case 1:
      fd = socket(AF_INET, SOCK_DGRAM, 0);
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' is overwritten while it may still hold an open socket
      // Every path holds -1 or an open socket: a guarded close is right.
      // CHECK-FIXES: {{^}}      if (fd >= 0) close(fd);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      fd = socket(AF_INET, SOCK_DGRAM, 0);{{$}}
      continue;
    default:
      break;
    }
  }
}
