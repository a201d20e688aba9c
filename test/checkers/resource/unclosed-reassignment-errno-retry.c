// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

// Retrying accept() on EINTR: the failed call returned -1, nothing leaks.
int accept_retrying(int listener) {
  int client;
  do {
    client = accept(listener, 0, 0);
  } while (client == -1 && errno == EINTR);
  return client;
}

// Retrying when the *write* fails reopens over a live descriptor.
int reconnect_on_write_error(int attempts) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (write(fd, "ping", 4) < 0 && errno == EPIPE && attempts-- > 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  return fd;
}
