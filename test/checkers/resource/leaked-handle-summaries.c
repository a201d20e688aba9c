// RUN: %check_resource_tidy %s resource-leaked-handle %t

// Helpers and wrappers defined in this file are read through their
// summaries: a helper that only reads the handle leaves the caller owning
// it, a wrapper that returns a fresh handle is an acquisition.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int printf(const char *, ...);

static void log_fd(int fd) { printf("descriptor %d\n", fd); }
static void close_conn(int fd) { close(fd); }
static FILE *open_log(const char *path) { return fopen(path, "a"); }

void logged_then_dropped(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  log_fd(fd);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]

void closed_by_wrapper(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  log_fd(fd);
  close_conn(fd);
}

void log_opened_and_dropped(void) {
  FILE *log = open_log("app.log");
  if (!log)
    return;
  fputs("started\n", log);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'log' goes out of scope while it still holds an open FILE stream

FILE *log_returned(void) {
  FILE *log = open_log("app.log");
  return log;
}

// What a pointer parameter points to, read or closed under a local name.
static void read_through_copy(FILE **streamPtr) {
  FILE *stream = *streamPtr;
  fputs("x", stream);
}
static void close_through_copy(FILE **streamPtr) {
  FILE *stream = *streamPtr;
  if (stream)
    fclose(stream);
}
void only_read_through_address(void) {
  FILE *data = fopen("first.txt", "w");
  read_through_copy(&data);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'data' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'data' was opened here

void closed_through_address(void) {
  FILE *data = fopen("first.txt", "w");
  close_through_copy(&data);
}

// A function that keeps the pointer may close the stream any time later.
static FILE **kept_stream;
static void keep_and_read(FILE **streamPtr) {
  kept_stream = streamPtr;
  fputs("x", *streamPtr);
}
void address_kept(void) {
  FILE *data = fopen("first.txt", "w");
  keep_and_read(&data);
}

static void read_through_void(void *opaque) {
  FILE **streamPtr = (FILE **)opaque;
  fputs("x", *streamPtr);
}
void only_read_through_void(void) {
  FILE *data = fopen("first.txt", "w");
  read_through_void(&data);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'data' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'data' was opened here

struct stream_pair {
  FILE *first;
  int flags;
};
static void read_field_copy(struct stream_pair pair) { fputs("x", pair.first); }
void struct_only_read(void) {
  struct stream_pair pair;
  pair.first = fopen("first.txt", "w");
  read_field_copy(pair);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'pair.first' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'pair.first' was opened here

// Handed on whole to unknown code: it may close it.
void keep_pair(struct stream_pair pair);
static void pass_pair_on(struct stream_pair pair) { keep_pair(pair); }
void struct_handed_on(void) {
  struct stream_pair pair;
  pair.first = fopen("first.txt", "w");
  pass_pair_on(pair);
}

// A path that ends in a call that never returns (a failed assert, abort())
// does not reach the caller: the helper still opens `*out` on every path
// that returns.
#include <assert.h>
#include <stdlib.h>

static void open_checked(FILE **out, const char *path) {
  assert(out);
  if (!path)
    abort();
  *out = fopen(path, "r");
}

void checked_open_dropped(void) {
  FILE *in = NULL;
  open_checked(&in, "input.txt");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'in' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]

void checked_open_closed(void) {
  FILE *in = NULL;
  open_checked(&in, "input.txt");
  if (in)
    fclose(in);
}
