// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs -D_GNU_SOURCE
// RUN: %check_resource_tidy -check-suffix=MMAP %s resource-unclosed-reassignment %t \
// RUN:   -- -config="{CheckOptions: {resource-unclosed-reassignment.Families: 'map_region -> unmap_region; conn_new -> conn_free [returns-argument=conn_attach@0]'}}" \
// RUN:   -- -isystem %S/Inputs/libs -D_GNU_SOURCE -DWITH_MMAP

// Fix-its that would break the program are not offered.

#include <mysql.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef WITH_MMAP
// mysql_real_connect returns the handle mysql_init made: closing what it
// returned closes that handle. Reporting `m = mysql_init(NULL)` here, and
// inserting mysql_close(m), would free the connection twice.
void connect_returns_argument(void) {
  MYSQL *m = mysql_init(NULL);
  MYSQL *conn = mysql_real_connect(m, "h", "u", "p", "db", 0, NULL, 0);
  if (conn)
    mysql_query(conn, "SELECT 1");
  mysql_close(conn);
  m = mysql_init(NULL);
  mysql_close(m);
}

// When the result is only tested, `m` still owns the connection.
void connect_result_tested(void) {
  MYSQL *db = mysql_init(NULL);
  if (!mysql_real_connect(db, "h", "u", "p", "db", 0, NULL, 0))
    return;
  db = mysql_init(NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'db' is overwritten while it still holds an open MySQL connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  mysql_close(db);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  db = mysql_init(NULL);{{$}}
  mysql_close(db);
}

// freopen() reopens and returns the stream it is given.
void reopened_stream(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  FILE *g = freopen(path, "a", f);
  if (g)
    fclose(g);
  f = fopen(path, "r");
  if (f)
    fclose(f);
}

// A parameter named like the release function hides it: C cannot name the
// global close() here, so no fix is offered.
int shadowed_release(int close) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  return fd + close;
}

// The same leak without the shadowing parameter is fixed.
int not_shadowed(int how) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  return fd + how;
}
#else
// A releaser that takes more than the handle (configured as
// `map_region -> unmap_region`): the leak is reported, but no fix calls
// unmap_region(p), and the configuration is named (once, when clang-tidy
// first meets the releaser).
// CHECK-MESSAGES-MMAP: warning: release function 'unmap_region' takes 2 arguments, not the handle alone: fix-its that would call it are left out; check the releasers in option 'resource-unclosed-reassignment.Families' [clang-tidy-config]
void *map_region(unsigned long length);
int unmap_region(void *addr, unsigned long length);

void *remap(unsigned long length) {
  void *p = map_region(length);
  p = map_region(length);
  // CHECK-MESSAGES-MMAP: :[[@LINE-1]]:5: warning: 'p' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-FIXES-MMAP: {{^}}  p = map_region(length);{{$}}
  return p;
}

// A configured family can say which call returns its argument.
struct conn;
struct conn *conn_new(void);
struct conn *conn_attach(struct conn *c, const char *where);
void conn_free(struct conn *c);

void attach_returns_argument(void) {
  struct conn *c = conn_new();
  struct conn *attached = conn_attach(c, "db");
  conn_free(attached);
  c = conn_new();
  conn_free(c);
}

void attach_twice(void) {
  struct conn *c = conn_new();
  c = conn_new();
  // CHECK-MESSAGES-MMAP: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-FIXES-MMAP: {{^}}  if (c) conn_free(c);{{$}}
  conn_free(c);
}
#endif
