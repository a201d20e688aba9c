// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void reconnect_twice(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  connect(fd, 0, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  connect(fd, 0, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

void closed_first(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  send(fd, "x", 1, 0);
  close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void assigned_later(void) {
  int fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void overwritten_by_other_handle(void) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int other = socket(AF_INET, SOCK_DGRAM, 0);
  fd = other;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  int other = socket(AF_INET, SOCK_DGRAM, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = other;{{$}}
  close(fd);
}
