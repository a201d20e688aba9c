// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// Retrying while the acquisition fails never overwrites an open handle.
void retry_while_invalid(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (fd < 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void retry_while_null(void) {
  FILE *fp = NULL;
  while (!fp)
    fp = fopen("lock", "wx");
  fclose(fp);
}

void retry_for_loop(void) {
  int fd;
  for (fd = -1; fd < 0; fd = socket(AF_INET, SOCK_STREAM, 0)) {
  }
  close(fd);
}

// The loop condition tests something else: every iteration leaks.
void retry_wrong_condition(int attempts) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (attempts-- > 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void reassigned_in_for_increment(int n) {
  int i;
  int fd;
  for (i = 0, fd = socket(AF_INET, SOCK_STREAM, 0); i < n;
       ++i, fd = socket(AF_INET, SOCK_STREAM, 0))
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'fd' is overwritten while it still holds an open socket
    write(fd, "x", 1);
  close(fd);
}
