// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

int reconnect_at_label(int tries) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
again:
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}again:{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  if (connect(fd, 0, 0) != 0 && tries-- > 0)
    goto again;
  return fd;
}

int reconnect_label_same_line(int tries) {
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
retry: fd = socket(AF_INET6, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}retry: close(fd); fd = socket(AF_INET6, SOCK_STREAM, 0);{{$}}
  if (connect(fd, 0, 0) != 0 && tries-- > 0)
    goto retry;
  return fd;
}

void else_if_body(int kind) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (kind == 0)
    send(fd, "0", 1, 0);
  else if (kind == 1)
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}    { close(fd); fd = socket(AF_UNIX, SOCK_STREAM, 0); }{{$}}
  close(fd);
}

// Two reports in one function get two independent fixes.
void two_fixes(void) {
  int a = socket(AF_INET, SOCK_STREAM, 0);
  int b = socket(AF_INET, SOCK_STREAM, 0);
  a = socket(AF_INET, SOCK_DGRAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is overwritten while it still holds an open socket
  b = socket(AF_INET, SOCK_DGRAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  close(a);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  a = socket(AF_INET, SOCK_DGRAM, 0);{{$}}
  // CHECK-FIXES: {{^}}  close(b);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  b = socket(AF_INET, SOCK_DGRAM, 0);{{$}}
  close(a);
  close(b);
}
