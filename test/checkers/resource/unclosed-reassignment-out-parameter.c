// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

// Handing the descriptor to the caller through an out-parameter.
int open_pair(int *first, int *second) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  *first = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  *second = fd;
  return 0;
}

// What a pointer parameter points to holds what this function stored there:
// the second store loses the first descriptor.
void refill(int *slot) {
  *slot = socket(AF_INET, SOCK_STREAM, 0);
  *slot = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: '*slot' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: '*slot' was opened here
}

// In a loop, each iteration loses the one before.
void fill_in_loop(int *out, int n) {
  for (int i = 0; i < n; ++i)
    *out = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '*out' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: '*out' was opened here in a previous loop iteration
}

// Retried until it connects, closing each failed attempt: silent.
void connect_retry(int *out, const struct sockaddr *addr, socklen_t len) {
  for (;;) {
    *out = socket(AF_INET, SOCK_STREAM, 0);
    if (*out >= 0 && connect(*out, addr, len) == 0)
      return;
    if (*out >= 0)
      close(*out);
  }
}

// What the caller had there is the caller's business (it usually passes
// empty storage): the first store is not reported.
int fill_once(int *out) {
  *out = socket(AF_INET, SOCK_STREAM, 0);
  return *out < 0 ? -1 : 0;
}

int keeps_local_copy(int *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int probe = socket(AF_INET, SOCK_STREAM, 0);
  *out = fd;
  probe = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'probe' is overwritten while it still holds an open socket
  return probe;
}

// The pointer handed on: what the callee does there decides.
static int set_nonblocking(int *sock) {
  if (fcntl(*sock, F_SETFL, O_NONBLOCK) == -1) {
    close(*sock);
    *sock = -1;
    return -1;
  }
  return 0;
}
void connect_nonblocking(int *sock, const struct sockaddr *addr,
                         socklen_t len, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    *sock = socket(AF_INET, SOCK_STREAM, 0);
    if (*sock < 0 || set_nonblocking(sock))
      continue;
    if (connect(*sock, addr, len) == 0)
      return;
    close(*sock);
    *sock = -1;
  }
}

static void log_descriptor(const int *sock) { (void)fcntl(*sock, F_GETFL); }
void open_and_log(int *out, int n) {
  for (int i = 0; i < n; ++i) {
    *out = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '*out' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: '*out' was opened here in a previous loop iteration
    log_descriptor(out);
  }
}

// Elements of what a pointer parameter points to.
void fill_element_twice(int *fds) {
  fds[1] = socket(AF_INET, SOCK_STREAM, 0);
  fds[1] = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fds[1]' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'fds[1]' was opened here
}
