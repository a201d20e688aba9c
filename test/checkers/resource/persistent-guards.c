// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

// Guards in C: a function that only tests a handle reads as that test, and
// a flag that outlives the call, set once the handle is open, makes the
// acquisition it guards run once.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
};

static int conn_is_open(const struct conn *c) { return c->fd >= 0; }
static int valid_fd(int fd) { return fd >= 0; }

void conn_start(struct conn *c) {
  if (conn_is_open(c))
    return;
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
}

void conn_start_inverted(struct conn *c) {
  if (!conn_is_open(c))
    return;
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'c->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

static int g_ctl = -1;
void ctl_reconnect(void) {
  if (valid_fd(g_ctl))
    close(g_ctl);
  g_ctl = socket(AF_INET, SOCK_STREAM, 0);
}

void serve(struct conn *a, struct conn *b) {
  for (;;) {
    conn_start(a);
    conn_start_inverted(b);
    ctl_reconnect();
  }
}

// Lazy initialisation behind a flag that outlives the call.
static FILE *g_log;
static int g_log_ready;
FILE *log_stream(void) {
  if (!g_log_ready) {
    g_log = fopen("app.log", "a");
    g_log_ready = 1;
  }
  return g_log;
}

int control_fd(void) {
  static int fd = -1;
  static int once = 0;
  if (once == 0) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    once = 1;
  }
  return fd;
}

// A local flag starts over at every call: it proves nothing about what an
// earlier call left.
static int g_data = -1;
int data_fd(void) {
  int done = 0;
  if (!done) {
    g_data = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'g_data' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    done = 1;
  }
  return g_data + done;
}

void poll_all(void) {
  for (;;) {
    log_stream();
    control_fd();
    data_fd();
  }
}
