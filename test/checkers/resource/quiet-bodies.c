// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// Once the TU-wide evidence of which globals and fields hold handles has
// been gathered (here, for start_transfer's global), its walk has also
// noted the functions whose bodies hold nothing the tracking pre-pass
// could track (send_chunk, add_ports): they are not scanned again. Each
// function after them has exactly one thing that makes it worth scanning;
// its warning shows it was not skipped.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static int transfer_fd = -1;

void start_transfer(void) { transfer_fd = socket(AF_INET, SOCK_STREAM, 0); }

void send_chunk(const char *data, int size) {
  if (transfer_fd >= 0)
    send(transfer_fd, data, size, 0);
}

int add_ports(int a, int b) { return a + b; }

// A file-local global reset without being closed.
void transfer_failed_cb(int status) {
  if (status != 0)
    transfer_fd = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'transfer_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

// An acquisition inside an initializer list, the only one in the body.
struct conn {
  int port;
  int fd;
};

int opened_in_initializer(void) {
  struct conn c = {.port = 80, .fd = socket(AF_INET, SOCK_STREAM, 0)};
  c.fd = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'c.fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  close(c.fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  c.fd = -1;{{$}}
  return c.port;
}

// `&log` given to a function of this file that may store a fresh stream.
static void open_log_into(FILE **out) { *out = fopen("app.log", "a"); }

void open_log_twice(void) {
  FILE *log = NULL;
  open_log_into(&log);
  open_log_into(&log);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'log' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  if (log)
    fclose(log);
}

// An acquisition that writes through its argument.
void pipe_twice(void) {
  int fds[2];
  pipe(fds);
  pipe(fds);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  close(fds[0]);
  close(fds[1]);
}

// A by-value parameter it closes, then overwrites: tracked as an owning
// sink, with nothing to report. (The sanitized build scans every skipped
// body again and stops if it tracks anything: RESOURCE_TIDY_VERIFY_QUIET.)
void close_param(int fd) {
  close(fd);
  fd = -1;
}
