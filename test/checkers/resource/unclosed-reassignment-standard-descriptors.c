// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// `fd > 2` before a close means "not a standard descriptor": code that tests
// it treats 0, 1 and 2 as not its own, so neither does the check.

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void close_unless_standard(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd > STDERR_FILENO)
    close(fd);
  fd = open("/dev/null", O_RDONLY);
  close(fd);
}

void standard_branch_first(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd <= 2)
    fputs("a standard descriptor\n", stderr);
  else
    close(fd);
  fd = open("/dev/null", O_RDONLY);
  close(fd);
}

void below_three(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 3)
    return;
  close(fd);
  fd = open("/dev/null", O_RDONLY);
  close(fd);
}

// A larger bound is not that idiom: descriptors 3 to 9 are ordinary ones.
void not_the_idiom(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd > 9)
    close(fd);
  fd = open("/dev/null", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open file descriptor; the previous descriptor leaks on some paths
  close(fd);
}

// Tested but not closed: still a leak.
void tested_not_closed(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd > 2)
    fputs("an ordinary descriptor\n", stderr);
  fd = open("/dev/null", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  close(fd);
}
