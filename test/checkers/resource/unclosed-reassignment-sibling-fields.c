// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs -D_GNU_SOURCE

// An acquisition that reads another field of the struct the handle lives
// in (its connection string, its context, its file name) hands nothing
// over: the old handle is lost just as when the field is read into a local
// first. The most common reconnect shape in C.

#include <fcntl.h>
#include <libpq-fe.h>
#include <openssl/ssl.h>
#include <unistd.h>

struct client {
  PGconn *conn;
  const char *conninfo;
};

void reconnect_twice(void) {
  struct client c = {NULL, "dbname=app"};
  c.conn = PQconnectdb(c.conninfo);
  c.conn = PQconnectdb(c.conninfo);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'c.conn' is overwritten while it still holds an open PostgreSQL connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  PQfinish(c.conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  c.conn = PQconnectdb(c.conninfo);{{$}}
  PQfinish(c.conn);
}

struct tls {
  SSL_CTX *ctx;
  SSL *ssl;
};

void handshake_retry(struct tls *t, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    t->ssl = SSL_new(t->ctx);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 't->ssl' is overwritten while it may still hold an open TLS connection; the previous connection leaks on some paths [resource-unclosed-reassignment]
    if (SSL_connect(t->ssl) == 1)
      return;
  }
}

struct file { int fd; const char *name; };

void open_twice_by_name(struct file *f) {
  f->fd = open(f->name, O_RDONLY);
  f->fd = open(f->name, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f->fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(f->fd);{{$}}
}

// Passing the whole struct hands the handle over with it.
int open_for(struct file *f);
void whole_struct_passed(struct file *f) {
  f->fd = open(f->name, O_RDONLY);
  f->fd = open_for(f);
}

// Only an earlier call's handle may be there, and the new one is made from
// the object's other fields: called from two places, but on two objects
// that are fresh each time. Not reported.
struct transfer { int infd; const char *path; };
static int prepare(struct transfer *t) {
  t->infd = open(t->path, O_RDONLY);
  return t->infd;
}
void run_two(struct transfer *a, struct transfer *b) {
  prepare(a);
  prepare(b);
}
