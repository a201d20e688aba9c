// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
  FILE *log;
};

void register_fd(int fd);
void take_ptr(int *fd);
int global_fd;
int fds[4];

int returned(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}

void stored_in_field(struct conn *c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // Storing a variable's handle into the caller's struct is a hand-over,
  // not reported even though conn.fd holds handles elsewhere in this file
  // (a fresh acquisition stored there directly would be: persistent-*.c).
  c->fd = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  register_fd(fd);
}

void stored_in_global(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  global_fd = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void stored_in_array(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fds[0] = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void copied_to_other_variable(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int keep = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  close(keep);
}

void passed_to_unknown_function(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  register_fd(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void address_taken(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  take_ptr(&fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void aggregate_initializer(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct conn c = {fd, 0};
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  close(c.fd);
}

void compound_literal(void) {
  FILE *fp = fopen("log", "w");
  struct conn c = (struct conn){.fd = -1, .log = fp};
  fp = fopen("log2", "w");
  fclose(fp);
  fclose(c.log);
}

void conditional_store(int c, struct conn *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  out->fd = c ? fd : -1;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// Escaping on one path only still leaks on the other.
void escapes_on_one_path(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    register_fd(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  close(fd);
}

// Reading the value into an expression is not an escape.
void arithmetic_use(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int maxfd = fd + 1;
  (void)maxfd;
  (void)fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}
