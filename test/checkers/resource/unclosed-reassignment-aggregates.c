// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

#include <poll.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

struct server { int fd; int port; };
struct inner { int fd; int fds[2]; };
union any { int fd; void *p; };
struct conn {
  int fd;
  unsigned flags : 3;
  unsigned : 2;
  int fds[2];
  struct inner in;
  union any u;
  FILE *log;
  int port;
};

// The shape that crashed: a struct zero-initialised, then its field opened.
int zero_initialised(void) {
  struct server s = {0};
  s.fd = socket(AF_INET, SOCK_STREAM, 0);
  return s.fd;
}

int zero_initialised_twice(void) {
  struct server s = {0};
  s.fd = socket(AF_INET, SOCK_STREAM, 0);
  s.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(s.fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s.fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  return s.fd;
}

// Designated initialisers, an unnamed bit-field before the array: each
// field's value is found in its own slot.
int designated(void) {
  struct conn c = {.fd = -1, .fds = {-1, -1}, .port = 80};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c.fd < 0)
    return -1;
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fd);{{$}}
  return c.fd;
}

// An acquisition inside the initialiser is an acquisition of the field.
int opened_in_initialiser(void) {
  struct conn c = {.port = 80, .fd = socket(AF_INET, SOCK_STREAM, 0)};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fd);{{$}}
  return c.fd;
}

// Brace elision: the same layout written without inner braces.
int brace_elided(void) {
  struct conn c = {socket(AF_INET, SOCK_STREAM, 0), 1, -1, -1, -1, -1, -1, -1, 0, 80};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fd);{{$}}
  return c.fd;
}

// Element 1 of a field array, opened in the initialiser; element 0 is -1.
void field_array_initialiser(void) {
  struct conn c = {.fds = {-1, socket(AF_UNIX, SOCK_STREAM, 0)}};
  c.fds[0] = socket(AF_UNIX, SOCK_STREAM, 0);
  c.fds[1] = socket(AF_UNIX, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'c.fds[1]' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fds[1]);{{$}}
  close(c.fds[0]);
  close(c.fds[1]);
}

// `= {}` (C23) and a compound literal as the initialiser.
int empty_braces_and_compound_literal(void) {
  struct conn a = {};
  a.fd = socket(AF_INET, SOCK_STREAM, 0);
  struct conn b = (struct conn){.fd = socket(AF_INET, SOCK_STREAM, 0)};
  b.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'b.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(b.fd);{{$}}
  close(b.fd);
  return a.fd;
}

// A union member holding the descriptor.
int union_member(void) {
  union any u = {.fd = socket(AF_INET, SOCK_STREAM, 0)};
  u.fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'u.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(u.fd);{{$}}
  return u.fd;
}

// A union initialised through its other member says nothing about fd.
int union_other_member(void *p) {
  union any u = {.p = p};
  u.fd = socket(AF_INET, SOCK_STREAM, 0);
  return u.fd;
}

// The poll loop: one pollfd reused for each accepted client, closed in turn.
void poll_loop(int listener) {
  struct pollfd p = {.fd = -1, .events = POLLIN};
  for (;;) {
    p.fd = accept(listener, NULL, NULL);
    if (p.fd < 0)
      continue;
    poll(&p, 1, 1000);
    close(p.fd);
  }
}

// The same loop that forgets to close the client. (Passing `&p` to poll()
// would hand the struct to code the check does not see.)
void poll_loop_leaks(int listener) {
  struct pollfd p = {.fd = -1, .events = POLLIN};
  char buffer[64];
  for (;;) {
    p.fd = accept(listener, NULL, NULL);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p.fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
    // CHECK-FIXES: {{^}}    if (p.fd >= 0) close(p.fd);{{$}}
    if (p.fd < 0)
      continue;
    if (read(p.fd, buffer, sizeof buffer) <= 0)
      break;
  }
}

// Nested structs, arrays of structs holding descriptors: no crash; the
// storage is not followed deeper than one field.
int nested(void) {
  struct conn c = {.in = {.fd = -1, .fds = {-1, -1}}};
  struct conn many[3] = {[1] = {.fd = -1}, [2].fds = {-1, -1}};
  c.in.fd = socket(AF_INET, SOCK_STREAM, 0);
  many[1].fd = socket(AF_INET, SOCK_STREAM, 0);
  return c.in.fd + many[1].fd;
}

// The whole struct overwritten loses the descriptor in it.
void whole_struct_overwritten(void) {
  struct conn c = {.fd = -1};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  c = (struct conn){.fd = -1};
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  c = (struct conn){.fd = -1};{{$}}
}

// ... but not after the descriptor was closed, or copied out first.
void whole_struct_after_close(struct conn *out) {
  struct conn c = {.fd = -1};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  close(c.fd);
  c = (struct conn){.fd = -1};
  c.fd = socket(AF_INET, SOCK_STREAM, 0);
  *out = c;
  c = (struct conn){0};
}

// pipe() and socketpair() into a field array, a global array, and an array
// reached through a pointer.
int g_fds[2];

void pipe_into_field_array(void) {
  struct conn c = {0};
  if (pipe(c.fds) != 0)
    return;
  socketpair(AF_UNIX, SOCK_STREAM, 0, c.fds);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'c.fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:39: warning: 'c.fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fds[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(c.fds[1]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  socketpair(AF_UNIX, SOCK_STREAM, 0, c.fds);{{$}}
  close(c.fds[0]);
  close(c.fds[1]);
}

void pipe_into_global_array(void) {
  if (pipe(g_fds) != 0)
    return;
  pipe(g_fds);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'g_fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'g_fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(g_fds[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(g_fds[1]);{{$}}
}

void pipe_through_pointer(struct conn *c) {
  if (pipe(c->fds) != 0)
    return;
  pipe(c->fds);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c->fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'c->fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c->fds[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(c->fds[1]);{{$}}
}

// A field array indexed at run time is not followed element by element.
void dynamic_index(struct conn *c, int i) {
  pipe(c->fds);
  c->fds[i] = socket(AF_UNIX, SOCK_STREAM, 0);
}
