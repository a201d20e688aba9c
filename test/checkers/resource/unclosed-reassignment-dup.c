// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <fcntl.h>
#include <unistd.h>

void duplicate_twice(int fd) {
  int copy = dup(fd);
  copy = dup(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'copy' is overwritten while it still holds an open file descriptor
  close(copy);
}

// dup2 onto a descriptor replaces it in place: the old one is closed by the
// kernel and the variable still holds an open descriptor, which is closed.
void redirect(const char *path) {
  int fd = open(path, O_WRONLY);
  dup2(fd, STDOUT_FILENO);
  close(fd);
  fd = open(path, O_RDONLY);
  close(fd);
}

void fcntl_dupfd(int fd) {
  int copy = dup(fd);
  fcntl(copy, F_SETFD, FD_CLOEXEC);
  close(copy);
  copy = dup(fd);
  close(copy);
}
