// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes -- -isystem %S/Inputs/libs
// RUN: %check_resource_tidy -check-suffix=LEAK %s resource-leaked-handle %t -- -- -isystem %S/Inputs/libs

// A handle kept *inside* a library object: a bufferevent holds a descriptor,
// which bufferevent_setfd replaces without closing it, bufferevent_replacefd
// closes first, bufferevent_getfd reads out and bufferevent_free closes.
// The descriptor is followed as the object's held handle,
// `bufferevent_getfd(c->bev)`, like a field of the object.

#include <event2/event.h>
#include <sys/socket.h>
#include <unistd.h>

// --- An HTTP client connection reset after a failure: the hard reset drops
// --- the descriptor its bufferevent holds. It runs again and again (every
// --- failure, every retry), on a connection whose bufferevent was given a
// --- socket before.

struct client_conn {
  struct bufferevent *bev;
  int state;
  const char *bind_address;
  void (*on_close)(struct client_conn *, void *);
  void *on_close_arg;
};

static int client_connected(struct client_conn *c) { return c->state == 2; }

static int client_bound_socket(const char *address) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  (void)address;
  return fd;
}

static void client_reset_hard(struct client_conn *c) {
  bufferevent_disable(c->bev, EV_READ | EV_WRITE);
  if (client_connected(c) && c->on_close)
    (*c->on_close)(c, c->on_close_arg);
  bufferevent_setfd(c->bev, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bufferevent_getfd(c->bev)' may still hold an open socket from a previous call; it is overwritten by the call to 'bufferevent_setfd' without being closed [resource-unclosed-reassignment]
  // The close callback may have taken the descriptor: no fix.
  // CHECK-FIXES: {{^}}    (*c->on_close)(c, c->on_close_arg);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  bufferevent_setfd(c->bev, -1);{{$}}
}

// The same without a callback: the fix, on a note, closes it first.
static void client_drop_descriptor(struct client_conn *c) {
  bufferevent_disable(c->bev, EV_READ | EV_WRITE);
  bufferevent_setfd(c->bev, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bufferevent_getfd(c->bev)' may still hold an open socket from a previous call; it is overwritten by the call to 'bufferevent_setfd' without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (bufferevent_getfd(c->bev) >= 0) evutil_closesocket(bufferevent_getfd(c->bev));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  bufferevent_setfd(c->bev, -1);{{$}}
}

void client_timeout(struct client_conn *c) { client_drop_descriptor(c); }
void client_abort(struct client_conn *c) { client_drop_descriptor(c); }

static void client_reset(struct client_conn *c, int hard) {
  if (hard)
    client_reset_hard(c);
  c->state = 0;
}

static void client_cleanup(struct client_conn *c) { client_reset(c, 1); }

int client_connect(struct client_conn *c, const struct sockaddr *sa, int len) {
  client_reset(c, 0);
  if (c->bind_address) {
    int fd = client_bound_socket(c->bind_address);
    if (fd == -1)
      return -1;
    // Onto the caller's connection once: not reported.
    if (bufferevent_setfd(c->bev, fd))
      return -1;
  }
  if (bufferevent_socket_connect(c->bev, sa, len) < 0) {
    client_cleanup(c);
    return 0;
  }
  return 0;
}

void client_fail(struct client_conn *c) { client_reset(c, 1); }

// --- The fixed twins: replacefd closes the old descriptor, or the code
// --- closes what getfd returns before detaching it.

static void fixed_reset_replacing(struct client_conn *c) {
  bufferevent_disable(c->bev, EV_READ | EV_WRITE);
  bufferevent_replacefd(c->bev, -1);
}

static void fixed_reset_closing(struct client_conn *c) {
  evutil_closesocket(bufferevent_getfd(c->bev));
  bufferevent_setfd(c->bev, -1);
}

static void fixed_reset_kept(struct client_conn *c, int *saved) {
  // The descriptor is read out and kept: where it goes is not followed.
  *saved = bufferevent_getfd(c->bev);
  bufferevent_setfd(c->bev, -1);
}

void fixed_fail(struct client_conn *c, int *saved) {
  fixed_reset_replacing(c);
  fixed_reset_closing(c);
  fixed_reset_kept(c, saved);
}
void fixed_retry(struct client_conn *c, int *saved) {
  fixed_reset_replacing(c);
  fixed_reset_closing(c);
  fixed_reset_kept(c, saved);
}

// --- What the function itself put in the object.

void attach_twice(struct event_base *base) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'bufferevent_getfd(bev)' is overwritten by the call to 'bufferevent_setfd' while it still holds an open socket; the previous socket leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  evutil_closesocket(bufferevent_getfd(bev));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));{{$}}
  bufferevent_free(bev);
}

// A socket put in and then detached: family-libevent-held-notes.c.

// Freed (and the descriptor with it) before the next object gets one.
void free_between(struct event_base *base) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  bufferevent_free(bev);
  bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  bufferevent_free(bev);
}

// A new object in the storage holds nothing from the old one's descriptor.
void new_object_between(struct event_base *base, struct bufferevent **out) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  *out = bev;
  bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, socket(AF_INET, SOCK_STREAM, 0));
  bufferevent_free(bev);
}

// A fresh object created without a descriptor: detaching drops nothing.
void detach_fresh(struct event_base *base) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setfd(bev, -1);
  bufferevent_free(bev);
}

// --- The caller's object: silent unless the function runs again on it, and
// --- not after code that may have taken the descriptor out.

void log_connection(struct client_conn *c);

static void detach_after_unknown(struct client_conn *c) {
  log_connection(c);
  bufferevent_setfd(c->bev, -1);
}

static void detach_after_helper(struct client_conn *c) {
  fixed_reset_closing(c);
  bufferevent_setfd(c->bev, -1);
}

void retry_a(struct client_conn *c) {
  detach_after_unknown(c);
  detach_after_helper(c);
}
void retry_b(struct client_conn *c) {
  detach_after_unknown(c);
  detach_after_helper(c);
}

// Run once (nothing in the file calls it): the object may well be fresh.
void detach_once(struct client_conn *c) { bufferevent_setfd(c->bev, -1); }

// --- resource-leaked-handle: the descriptor stays with the object when the
// --- pointer to the object goes away; a local descriptor handed to it is
// --- not leaked.

struct bufferevent *make_connected(struct event_base *base) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  bufferevent_setfd(bev, fd);
  return bev;
}

void lost_before_attach(struct event_base *base, struct bufferevent *bev) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  if (bufferevent_enable(bev, EV_READ) < 0)
    return;
  // CHECK-MESSAGES-LEAK: :[[@LINE-1]]:5: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]
  bufferevent_setfd(bev, fd);
}
