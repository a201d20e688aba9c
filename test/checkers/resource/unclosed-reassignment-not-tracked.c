// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

int global_fd = -1;

// Storage that outlives the call is out of scope for local analysis.
void global_storage(void) {
  global_fd = socket(AF_INET, SOCK_STREAM, 0);
  global_fd = socket(AF_INET, SOCK_STREAM, 0);
}

void static_local(void) {
  static int fd = -1;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
}

void volatile_local(void) {
  volatile int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

struct holder {
  int fd;
};

void struct_field(struct holder *h) {
  h->fd = socket(AF_INET, SOCK_STREAM, 0);
  h->fd = socket(AF_INET, SOCK_STREAM, 0);
}

// A parameter starts in an unknown state: its first overwrite is not
// reported here, the second one is.
void parameter_first_assignment(int fd) {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
}

void modified_arithmetic(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd += 0;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fd++;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void multiple_declarators(void) {
  int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET, SOCK_STREAM, 0);
  b = a;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is overwritten while it still holds an open socket
  close(b);
}

void shadowed(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
  }
  close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

int unreachable_after_return(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
}
