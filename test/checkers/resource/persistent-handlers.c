// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes
// RUN: %check_resource_tidy -check-suffix=NARROW %s resource-unclosed-reassignment %t -- \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.RunAgainFunctions: '^on_.*$'}}"
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-unclosed-reassignment' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.RunAgainFunctions: 'on('}}" -- 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=BAD
// BAD: warning: invalid configuration value 'on(' for option 'resource-unclosed-reassignment.RunAgainFunctions': parentheses not balanced; the default is used [clang-tidy-config]
// BAD: persistent-handlers.c:[[@LINE+16]]:10: warning: 'g_sock' may still hold an open socket from a previous call

// Handlers run again even when nothing in the translation unit calls them:
// a framework or another file registers them. Their names say so.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int g_sock = -1;

// The founding scenario in C: a reconnect button's handler.
void on_connect_clicked(const char *host) {
  (void)host;
  g_sock = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'g_sock' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (g_sock >= 0) close(g_sock);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  g_sock = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  // CHECK-MESSAGES-NARROW: :[[@LINE-4]]:10: warning: 'g_sock' may still hold an open socket from a previous call
}

void on_disconnect_clicked(void) {
  close(g_sock);
  g_sock = -1;
}

// A reload routine reopens the listener.
static int listen_fd = -1;
void reload_config(void) {
  listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'listen_fd' may still hold an open socket from a previous call
}
void stop_listening(void) { close(listen_fd); }

// A log stream reopened in a rotation callback.
static FILE *log_stream;
void log_rotate_cb(int fd, short events, void *arg) {
  (void)fd, (void)events, (void)arg;
  log_stream = fopen("/var/log/app.log", "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'log_stream' may still hold an open FILE stream from a previous call
}
void close_log(void) { fclose(log_stream); }

// A C "method": the struct's reconnect routine.
struct client {
  int sock;
};
void client_reconnect(struct client *c) {
  c->sock = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c->sock' may still hold an open socket from a previous call
}
void client_free(struct client *c) { close(c->sock); }

// Fixed twins: the handler closes first, or refuses to reconnect.
static int g_fixed = -1;
void on_fixed_clicked(void) {
  if (g_fixed >= 0)
    close(g_fixed);
  g_fixed = socket(AF_INET, SOCK_STREAM, 0);
}
void on_fixed_closed(void) { close(g_fixed); }

static int g_guarded = -1;
void handle_guarded_connect(void) {
  if (g_guarded >= 0)
    return;
  g_guarded = socket(AF_INET, SOCK_STREAM, 0);
}
void handle_guarded_close(void) {
  close(g_guarded);
  g_guarded = -1;
}

// Names that do not say "handler" run once when nothing calls them twice.
static int g_once = -1;
void client_connect(void) { g_once = socket(AF_INET, SOCK_STREAM, 0); }
void client_close(void) { close(g_once); }
void open_registry(void) { g_once = socket(AF_INET, SOCK_STREAM, 0); }

// One-time initialisation: pthread_once and atexit run their function once,
// although they take its address.
static int g_shared = -1;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static void init_shared(void) { g_shared = socket(AF_INET, SOCK_STREAM, 0); }
static void close_shared(void) { close(g_shared); }
int shared_socket(void) {
  pthread_once(&shared_once, init_shared);
  atexit(close_shared);
  return g_shared;
}

// Other registrations keep running the function.
typedef void (*timer_fn)(void);
void add_timer(timer_fn fn, int ms);
static int g_probe = -1;
static void probe(void) {
  g_probe = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'g_probe' may still hold an open socket from a previous call
  // CHECK-MESSAGES-NARROW: :[[@LINE-2]]:11: warning: 'g_probe' may still hold an open socket from a previous call
}
void start_probe(void) { add_timer(probe, 1000); }
void stop_probe(void) { close(g_probe); }

// A helper of this file that closes and resets the global on every path.
static int g_link = -1;
static void drop_link(void) {
  if (g_link >= 0) {
    close(g_link);
    g_link = -1;
  }
}
void handle_link_retry(void) {
  drop_link();
  g_link = socket(AF_INET, SOCK_STREAM, 0);
}
// One that closes it only sometimes leaves the report.
static int g_other = -1;
static void maybe_drop_other(int really) {
  if (really)
    close(g_other);
}
void handle_other_retry(int really) {
  maybe_drop_other(really);
  g_other = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'g_other' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}
void other_stop(void) { close(g_other); }
