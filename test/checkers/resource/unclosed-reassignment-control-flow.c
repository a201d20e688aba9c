// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void switch_cases(int mode) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  switch (mode) {
  case 0:
    close(fd);
    break;
  case 1:
    send(fd, "x", 1, 0);
    break;
  default:
    close(fd);
    break;
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  close(fd);
}

void switch_all_close(int mode) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  switch (mode) {
  case 0:
  case 1:
    close(fd);
    break;
  default:
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void switch_case_body(int mode) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  switch (mode) {
  case 0:
    fd = socket(AF_INET, SOCK_DGRAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
    // CHECK-FIXES: {{^}}  case 0:{{$}}
    // CHECK-FIXES-NEXT: {{^}}    close(fd);{{$}}
    break;
  }
  close(fd);
}

int goto_retry(int attempts) {
  int fd;
retry:
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'fd' was opened here in a previous loop iteration
  if (connect(fd, 0, 0) != 0 && attempts-- > 0)
    goto retry;
  return fd;
}

int goto_retry_closes(int attempts) {
  int fd;
retry:
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(fd, 0, 0) != 0 && attempts-- > 0) {
    close(fd);
    goto retry;
  }
  return fd;
}

int goto_cleanup(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    goto fail;
  if (connect(fd, 0, 0) != 0)
    goto fail;
  return fd;
fail:
  if (fd >= 0)
    close(fd);
  fd = -1;
  return fd;
}

void early_return_after_close(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c) {
    close(fd);
    return;
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void noreturn_on_failure(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    _exit(1);
  close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    _exit(1);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void conditional_operator(int c) {
  int fd = c ? socket(AF_INET, SOCK_STREAM, 0) : -1;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket
  // CHECK-FIXES: {{^}}  if (fd >= 0) close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

// The close below never sees the caller's value: fd is not a sink, and its
// first overwrite loses nothing we know of.
void parameter_reassigned(int fd) {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void unrelated_counters(int n) {
  int count = 0;
  count = n;
  count = count + 1;
  (void)count;
}
