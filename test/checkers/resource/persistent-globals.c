// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int active_connection = -1;
static FILE *trace;
int request_count;

typedef void (*handler_fn)(void);
void register_click_handler(handler_fn fn);

// An event handler, registered as a callback, runs again and again.
void on_connect_clicked(void) {
  active_connection = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'active_connection' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (active_connection >= 0) close(active_connection);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  active_connection = socket(AF_INET, SOCK_STREAM, 0);{{$}}
}

void on_disconnect_clicked(void) {
  if (active_connection >= 0)
    close(active_connection);
  active_connection = -1;
}

void start_trace(const char *path) {
  if (trace)
    return;
  trace = fopen(path, "w");
}

void count(void) { request_count = request_count + 1; }

void install(void) { register_click_handler(on_connect_clicked); }

// Runs once (called from one place, not in a loop, address never taken):
// the global cannot hold a handle from an earlier run.
static FILE *audit;
static void open_audit_once(void) { audit = fopen("audit.log", "a"); }
void start_up(void) { open_audit_once(); }
void shut_down(void) { fclose(audit); }

// main() runs once.
static int control_socket;
int main(void) {
  control_socket = socket(AF_INET, SOCK_STREAM, 0);
  start_up();
  close(control_socket);
  return 0;
}

// A static local keeps its value between calls.
int cached_socket(int refresh) {
  static int fd = -1;
  if (refresh)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' may still hold an open socket from a previous call
  return fd;
}

struct conn {
  int sock;
  FILE *log;
};

// A field reached through a pointer parameter lives in the caller's object.
int conn_open(struct conn *c) {
  c->sock = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c->sock' may still hold an open socket from a previous call
  return c->sock;
}

void conn_close(struct conn *c) {
  close(c->sock);
  c->sock = -1;
}

// Called in a loop, but on a different struct each time: nothing from an
// earlier call is in t->sock.
struct conn table[8];
static int conn_setup(struct conn *t) {
  t->sock = socket(AF_INET, SOCK_STREAM, 0);
  return t->sock;
}
void setup_all(void) {
  for (int i = 0; i < 8; ++i)
    conn_setup(&table[i]);
}

// conn_open runs on every retry: the caller's struct may still hold the
// socket of the previous attempt.
int conn_retry(struct conn *c, int attempts) {
  while (attempts-- > 0)
    if (conn_open(c) >= 0)
      return 0;
  return -1;
}

// An owning sink: the caller's descriptor is lost if overwritten first.
void adopt(int fd, int replace) {
  if (replace)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' may still hold an open descriptor from the caller; it is overwritten without being closed
  close(fd);
}
