// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A function that runs repeatedly and overwrites a global finds there what
// its own earlier calls left. When it is the only code that stores handles
// there and closes or resets the storage before every return, that is
// nothing open: not reported. Any other writer, a path that returns with
// the handle still stored, or recursion keeps the report.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void register_storage(int *slot);

static int session_fd = -1;
static void session(void) {
  session_fd = socket(AF_INET, SOCK_STREAM, 0);
  send(session_fd, "x", 1, 0);
  close(session_fd);
}

static FILE *report;
static void write_report(const char *text) {
  report = fopen("report.txt", "a");
  if (!report)
    return;
  fputs(text, report);
  fclose(report);
  report = NULL;
}

// The early return leaves the socket stored for the next call.
static int early_fd = -1;
static void early_return(int fail) {
  early_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'early_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  if (fail)
    return;
  close(early_fd);
}

// Returning the handle does not take it out of the storage.
static int cached_fd = -1;
static int cached(void) {
  cached_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'cached_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  return cached_fd;
}

// Another function stores handles there too.
static int shared_fd = -1;
static void shared_session(void) {
  shared_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'shared_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  close(shared_fd);
}
static void adopt(int fd) { shared_fd = fd; }

// Its address goes to code that may store into it.
static int registered_fd = -1;
static void registered_session(void) {
  registered_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'registered_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  close(registered_fd);
}

// A recursive call overwrites the handle its caller still uses.
static int walk_fd = -1;
static void walk(int depth) {
  walk_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'walk_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  if (depth > 0)
    walk(depth - 1);
  close(walk_fd);
}

// The same for a field of the caller's object.
struct conn {
  int fd;
};
static void conn_session(struct conn *c) {
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  send(c->fd, "x", 1, 0);
  close(c->fd);
}

// Whole-object copies and initializers store into every field.
struct peer {
  int fd;
};
static void peer_session(struct peer *p) {
  p->fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  close(p->fd);
}
static void peer_copy(struct peer *to, const struct peer *from) { *to = *from; }

struct link {
  int fd;
};
static void link_session(struct link *l) {
  l->fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'l->fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  close(l->fd);
}
static struct link link_open(void) {
  struct link l = {.fd = socket(AF_INET, SOCK_STREAM, 0)};
  return l;
}

int main(void) {
  struct conn c;
  struct peer p, q = {-1};
  struct link l = link_open();
  peer_copy(&p, &q);
  register_storage(&registered_fd);
  for (int i = 0; i < 3; i++) {
    session();
    write_report("x");
    early_return(i);
    cached();
    shared_session();
    registered_session();
    conn_session(&c);
    peer_session(&p);
    link_session(&l);
  }
  adopt(0);
  walk(2);
  walk(3);
  return 0;
}
