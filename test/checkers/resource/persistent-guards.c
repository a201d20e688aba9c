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

// A connect callback written as a state machine: the socket is opened only
// in the first state, which the callback leaves once it has opened it; the
// disconnect callback, which closes the socket, sets it back. This code's
// "no socket" is 0.

enum link_state { LINK_BEGIN, LINK_CONNECTING, LINK_UP };
struct link {
  int fd;
  enum link_state state;
};

static int link_disconnect(void *context) {
  struct link *l = context;
  if (l->fd != 0) {
    close(l->fd);
    l->fd = 0;
  }
  l->state = LINK_BEGIN;
  return 0;
}

static int link_connect(void *context, const struct sockaddr *sa,
                        socklen_t len) {
  struct link *l = context;
  int rc = -1;
  switch (l->state) {
  case LINK_BEGIN:
    if (!sa)
      goto out;
    l->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (l->fd < 0)
      goto out;
    l->state = LINK_CONNECTING;
    // fall through
  case LINK_CONNECTING:
    rc = connect(l->fd, sa, len);
    if (rc == 0)
      l->state = LINK_UP;
    break;
  default:
    rc = 0;
  }
out:
  if (rc != 0)
    link_disconnect(context);
  return rc;
}

// The same as a step function called through a table, on the channel
// itself: opened only in CHAN_IDLE, which it leaves once it has opened.
enum chan_state { CHAN_IDLE, CHAN_OPEN };
struct chan {
  int fd;
  enum chan_state state;
};
static void chan_close(struct chan *c) {
  close(c->fd);
  c->fd = -1;
  c->state = CHAN_IDLE;
}
static int chan_step(struct chan *c) {
  switch (c->state) {
  case CHAN_IDLE:
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0)
      return -1;
    c->state = CHAN_OPEN;
    break;
  case CHAN_OPEN:
    if (write(c->fd, "x", 1) != 1)
      chan_close(c);
    break;
  }
  return 0;
}
int (*const g_chan_step)(struct chan *) = chan_step;

// Stays in the first state: every call opens again.
struct probe {
  int fd;
  enum link_state state;
};
static int link_probe(void *context) {
  struct probe *p = context;
  switch (p->state) {
  case LINK_BEGIN:
    p->fd = socket(AF_INET, SOCK_DGRAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'p->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    break;
  default:
    break;
  }
  return 0;
}

struct link_ops {
  int (*connect)(void *, const struct sockaddr *, socklen_t);
  int (*probe)(void *);
  int (*disconnect)(void *);
};
const struct link_ops g_link_ops = {link_connect, link_probe, link_disconnect};

// Closed and set to 0 by the paired callback: the open/close protocol of
// user data, with 0 for "no socket".
struct session {
  int fd;
};
static void session_begin(void *user) {
  struct session *s = user;
  s->fd = socket(AF_INET, SOCK_STREAM, 0);
}
static void session_end(void *user) {
  struct session *s = user;
  close(s->fd);
  s->fd = 0;
}
void (*const g_session_callbacks[2])(void *) = {session_begin, session_end};
