// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void closed_on_one_branch(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 'fd' was opened here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'fd' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-6]]:7: note: 'fd' stays open when this condition is false
  // No fix-it: the path that already closed it would close it twice.
  // CHECK-FIXES: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

void closed_in_else(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c) {
    send(fd, "x", 1, 0);
  } else {
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  // CHECK-NOTES: :[[@LINE-8]]:12: note: 'fd' was opened here
  // CHECK-NOTES: :[[@LINE-5]]:5: note: 'fd' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-9]]:7: note: 'fd' stays open when this condition is true
  close(fd);
}


void closed_on_every_branch(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c) {
    send(fd, "x", 1, 0);
    close(fd);
  } else {
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void opened_on_one_branch(int c) {
  int fd = -1;
  if (c)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  // CHECK-NOTES: :[[@LINE-3]]:10: note: 'fd' was opened here
  close(fd);
}
