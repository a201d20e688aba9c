// Helpers of the summary-index tests, defined in conn.c and relay.c: the
// files that check their callers see these declarations only.
#include <stdio.h>

struct conn {
  int fd;
  int port;
};

extern int g_listener;

void conn_sink(FILE *f);
void relay_to_sink(FILE *f);
void conn_close(int fd);
void conn_log(int fd);
void conn_close_if(int fd, int really);
int conn_open(const char *host);
void conn_reset(struct conn *c);
void conn_set_port(struct conn *c, int port);
void conn_reset_checked(struct conn *c);
void conn_adopt(struct conn *c, int fd);
void close_listener(void);
void twice_defined(int fd);
void conn_open_into(int *out);
