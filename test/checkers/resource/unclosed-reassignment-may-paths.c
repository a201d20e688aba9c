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

// After a loop, the note names the branch inside it that skipped the
// close, not the loop's own condition.
void closed_in_one_iteration(int n) {
  int looped = socket(AF_INET, SOCK_STREAM, 0);
  for (int i = 0; i < n; ++i) {
    if (i == 3)
      close(looped);
  }
  looped = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'looped' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-7]]:16: note: 'looped' was opened here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'looped' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-7]]:9: note: 'looped' stays open when this condition is false
  close(looped);
}

// Where the loop's end is the only way around the close, the loop's
// condition is the place.
void closed_before_break(int n) {
  int ended = socket(AF_INET, SOCK_STREAM, 0);
  while (n-- > 0) {
    close(ended);
    break;
  }
  ended = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'ended' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-7]]:15: note: 'ended' was opened here
  // CHECK-NOTES: :[[@LINE-6]]:5: note: 'ended' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-8]]:10: note: 'ended' stays open when this condition is false
  close(ended);
}
