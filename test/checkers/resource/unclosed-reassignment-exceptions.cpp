// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

void may_throw();

// Throwing leaves the function: the assignment is never reached that way.
void throws_before_reassign() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    throw std::runtime_error("socket");
  may_throw();
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void handler_reopens() {
  int fd = -1;
  try {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    may_throw();
  } catch (...) {
    if (fd >= 0)
      close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  close(fd);
}

void rethrows(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    may_throw();
  } catch (const std::exception &) {
    close(fd);
    throw;
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}
