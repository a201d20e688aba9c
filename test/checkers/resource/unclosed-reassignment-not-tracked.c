// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Storage that outlives the call (globals, statics, fields) is covered in
// persistent-*.c; what follows is never tracked.

// A volatile global may be changed by a signal handler at any time.
volatile int g_signal_fd = -1;
void onSignalReopen(void) { g_signal_fd = socket(AF_INET, SOCK_STREAM, 0); }

struct holder {
  int fd;
};

// A field through a local pointer: it may point to fresh memory, so it is
// not storage from an earlier call, and not a local either.
void field_through_local_pointer(struct holder *(*make)(void)) {
  struct holder *h = make();
  h->fd = socket(AF_INET, SOCK_STREAM, 0);
  h->fd = socket(AF_INET, SOCK_STREAM, 0);
}

// A parameter that is not released here starts in an unknown state: its
// first overwrite is not reported, the second one is.
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
