// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int wrap(int fd);

// The old value is handed to the call that produces the new one.
void reopened_stream(void) {
  FILE *fp = fopen("log", "w");
  fp = freopen("log.1", "w", fp);
  if (fp)
    fclose(fp);
}

void wrapped_descriptor(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = wrap(fd);
  close(fd);
}

// dup() only reads its argument: the original descriptor is lost. Closing
// it first would break the dup, so no fix is offered.
void duplicated_from_itself(void) {
  int orig = socket(AF_INET, SOCK_STREAM, 0);
  orig = dup(orig);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'orig' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  int orig = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  orig = dup(orig);{{$}}
  close(orig);
}

// accept() on its own listener: the listener is lost.
void accept_over_listener(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  listen(s, 8);
  s = accept(s, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  close(s);
}

// A descriptor the caller lent, copied privately: nothing of ours is lost.
struct server { int listen_fd; };
void adopt_copy(struct server *srv, int fd) {
  srv->listen_fd = fd;
  srv->listen_fd = dup(srv->listen_fd);
}

void same_value(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = fd;
  close(fd);
}

// Only the variable's own old value counts, not another handle.
void wrapped_other(int other) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = wrap(other);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}
