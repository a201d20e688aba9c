// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <fcntl.h>
#include <unistd.h>

// A definite leak gets exactly one note: where the handle was opened.
void exactly_one_note(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  char buf[64];
  read(fd, buf, sizeof buf);
  fd = open(path, O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-7]]:12: note: 'fd' was opened here
  close(fd);
}

// Two acquisitions reach the assignment; the note names one of them (the
// pattern lists both open() lines).
void two_sources(const char *path, int c) {
  int fd;
  if (c)
    fd = open(path, O_RDONLY);
  else
    fd = open(path, O_WRONLY);
  fd = -1;
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-NOTES: :{{24|26}}:10: note: 'fd' was opened here
  (void)fd;
}
