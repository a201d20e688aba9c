// What the callers in other files rely on, through the summary index.
#include "conn.h"
#include <sys/socket.h>
#include <unistd.h>

int g_listener = -1;

// Overwrites its parameter while it holds the caller's stream.
void conn_sink(FILE *f) {
  f = fopen("sink.txt", "w");
  if (f)
    fclose(f);
}

// Closes on every path, only reads, closes on some paths only.
void conn_close(int fd) {
  if (fd >= 0)
    close(fd);
}
void conn_log(int fd) { printf("descriptor %d\n", fd); }
void conn_close_if(int fd, int really) {
  if (really)
    close(fd);
}

// Returns a fresh socket: an acquisition for its callers.
int conn_open(const char *host) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  (void)host;
  return fd;
}

// Closes the field of the struct it is given; fills another field only.
void conn_reset(struct conn *c) {
  close(c->fd);
  c->fd = -1;
}
void conn_set_port(struct conn *c, int port) { c->port = port; }

#include <assert.h>

// Closes the field after an assert: the failed assert's path never returns.
void conn_reset_checked(struct conn *c) {
  assert(c);
  close(c->fd);
  c->fd = -1;
}

// Stores its argument over the field: the caller's handle there is not
// left as it was.
void conn_adopt(struct conn *c, int fd) { c->fd = fd; }

void close_listener(void) {
  close(g_listener);
  g_listener = -1;
}

// Defined differently in another file of the same database (two programs):
// the index trusts neither definition.
void twice_defined(int fd) { close(fd); }

// Stores a fresh socket through the pointer it is given.
void conn_open_into(int *out) { *out = socket(AF_INET, SOCK_STREAM, 0); }
