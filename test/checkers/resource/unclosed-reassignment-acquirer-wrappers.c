// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A function of this file that returns a fresh handle (or a failure value)
// on every path is an acquisition for its callers, like what it wraps.

#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static int net_socket(void) {
  struct sockaddr addr = {0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  if (connect(fd, &addr, sizeof addr) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// A wrapper of the wrapper.
static int net_socket_retrying(void) {
  int fd = net_socket();
  if (fd < 0)
    fd = net_socket();
  return fd;
}

static FILE *open_log(const char *path) { return fopen(path, "a"); }

// The Juliet shape: the source overwrites its parameter and returns it.
static FILE *source(FILE *data) {
  data = fopen("source.txt", "w+");
  return data;
}

void reconnect_twice(void) {
  int fd = net_socket();
  fd = net_socket();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}void reconnect_twice(void) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}  int fd = net_socket();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = net_socket();{{$}}
  close(fd);
}

void retrying_twice(void) {
  int fd = net_socket_retrying();
  fd = net_socket_retrying();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void log_twice(void) {
  FILE *log = open_log("a.log");
  log = open_log("b.log");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'log' is overwritten while it still holds an open FILE stream
  if (log)
    fclose(log);
}

void source_then_sink(void) {
  FILE *data = NULL;
  data = source(data);
  data = fopen("sink.txt", "w+");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds an open FILE stream
  if (data)
    fclose(data);
}

// Fixed versions: closed before the next one.
void reconnect_closing(void) {
  int fd = net_socket();
  if (fd >= 0)
    close(fd);
  fd = net_socket();
  close(fd);
}

// --- Not acquirers: nothing is reported about their results. -------------

// Hands the handle to code it cannot see before returning it.
int register_socket(int fd);
static int registered_socket(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  register_socket(fd);
  return fd;
}

// Returns a handle it also keeps.
static int g_last;
static int remembered_socket(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  g_last = fd;
  return fd;
}

// Returns a shared global stream.
static FILE *g_log;
static FILE *shared_log(void) {
  if (!g_log)
    g_log = fopen("shared.log", "a");
  return g_log;
}

// Returns its argument on one path.
static int dup_or_same(int fd, int copy) {
  if (copy)
    return dup(fd);
  return fd;
}

// Returns a handle it closed.
static int closed_socket(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  return fd;
}

void not_acquisitions(int in) {
  int fd = remembered_socket();
  fd = remembered_socket();
  FILE *log = shared_log();
  log = shared_log();
  int other = dup_or_same(in, 1);
  other = dup_or_same(in, 0);
  int gone = closed_socket();
  gone = closed_socket();
  int kept = registered_socket();
  kept = registered_socket();
  (void)fd, (void)log, (void)other, (void)gone, (void)kept;
}
