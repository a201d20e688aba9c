// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes

// A reset (`g = -1;`) of a global only this file can name loses what it
// holds when nothing in the file closes, copies or passes the global on:
// it only stores, tests it and uses the handle (`send`). Any other mention
// may hand the handle over, and the reset is then a setter.

#include <sys/socket.h>
#include <unistd.h>

static int transfer_fd = -1;

void start_transfer(void) {
  transfer_fd = socket(AF_INET, SOCK_STREAM, 0);
}

void send_chunk(const char *data, int size) {
  if (transfer_fd >= 0)
    send(transfer_fd, data, size, 0);
}

void transfer_failed_cb(int status) {
  if (status != 0)
    transfer_fd = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'transfer_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}    { if (transfer_fd >= 0) close(transfer_fd); transfer_fd = -1; }{{$}}
}

// Silent: another function closes it.

static int upload_fd = -1;

void start_upload(void) { upload_fd = socket(AF_INET, SOCK_STREAM, 0); }
void finish_upload(void) { close(upload_fd); }
void upload_failed_cb(int status) {
  if (status != 0)
    upload_fd = -1;
}

// Silent: the handle is copied out before the reset (handed over).

static int probe_fd = -1;
void hand_over(int fd);

void start_probe(void) { probe_fd = socket(AF_INET, SOCK_STREAM, 0); }
void probe_done_cb(void) {
  int done = probe_fd;
  probe_fd = -1;
  hand_over(done);
}

// Silent: other files may close a global they can name.

int shared_fd = -1;

void start_shared(void) { shared_fd = socket(AF_INET, SOCK_STREAM, 0); }
void shared_failed_cb(int status) {
  if (status != 0)
    shared_fd = -1;
}

// A mention inside a type (`__typeof__`) is not evaluated: it hands
// nothing over.

static int stats_fd = -1;

void start_stats(void) { stats_fd = socket(AF_INET, SOCK_STREAM, 0); }
void stats_failed_cb(int status) {
  if (status != 0)
    stats_fd = (__typeof__(stats_fd))-1;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'stats_fd' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}    { if (stats_fd >= 0) close(stats_fd); stats_fd = (__typeof__(stats_fd))-1; }{{$}}
}
