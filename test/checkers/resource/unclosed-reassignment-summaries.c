// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// Calls to functions defined in this file are read through their summaries
// (what they do with the handle passed in each parameter) instead of being
// treated as code that may keep the handle.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int printf(const char *, ...);

// --- Helpers that only read the handle: the caller still owns it. -------

static void log_fd(int fd) { printf("using descriptor %d\n", fd); }
static int is_valid(int fd) { return fd >= 0; }

void reopen_after_logging(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  log_fd(fd);
  if (!is_valid(fd))
    return;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

// --- Helpers that close, keep or sometimes close: no report. --------------

static void close_conn(int fd) {
  if (fd >= 0)
    close(fd);
}
static int table[16];
static void keep(int fd) { table[fd & 15] = fd; }
static void close_if(int fd, int really) {
  if (really)
    close(fd);
}

void closed_by_wrapper(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close_conn(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close_conn(fd);
}

void kept_by_helper(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  keep(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void maybe_closed_by_helper(int really) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close_if(fd, really);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// --- A sink that overwrites its parameter without closing it. -------------

static void reopen_sink(FILE *stream) {
  stream = fopen("next.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_and_forget' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}

void hand_over_and_forget(void) {
  FILE *data = fopen("first.txt", "w");
  reopen_sink(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'reopen_sink' here, which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'data' was opened here
}

// The caller closes its handle after the call: nothing is lost.
void hand_over_and_close(void) {
  FILE *data = fopen("first.txt", "w");
  reopen_sink(data);
  if (data)
    fclose(data);
}

// Nothing open to lose.
void hand_over_null(void) {
  FILE *data = NULL;
  reopen_sink(data);
}

// Named again on the next iteration: the caller may still close it.
void hand_over_in_loop(int n) {
  FILE *data = fopen("first.txt", "w");
  for (int i = 0; i < n; ++i)
    reopen_sink(data);
  fclose(data);
}

// A sink that closes first (the fixed version) is never reported.
static void closing_sink(FILE *stream) {
  if (stream)
    fclose(stream);
  stream = fopen("next.txt", "w");
  if (stream)
    fclose(stream);
}
void hand_over_to_closing_sink(void) {
  FILE *data = fopen("first.txt", "w");
  closing_sink(data);
}

// Passed on to the sink through a helper: the helper loses it just as the
// sink does (the assignment is reported once per caller that loses one).
static void relay_to_sink(FILE *stream) { reopen_sink(stream); }
void hand_over_through_relay(void) {
  FILE *data = fopen("first.txt", "w");
  relay_to_sink(data);
  // CHECK-MESSAGES: :[[@LINE-54]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_through_relay' passed in; the stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'data' is passed to 'relay_to_sink' here, which passes it on to 'reopen_sink', which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'data' was opened here
}
static void relay_to_closing_sink(FILE *stream) { closing_sink(stream); }
void hand_over_through_relay_to_closing_sink(void) {
  FILE *data = fopen("first.txt", "w");
  relay_to_closing_sink(data);
}

// Overwritten on some paths only: the assignment, when it runs, loses the
// handle.
static int reopen_enabled;
static void maybe_reopen(FILE *stream) {
  if (reopen_enabled) {
    stream = fopen("next.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_sometimes' passed in; the stream leaks [resource-unclosed-reassignment]
    if (stream)
      fclose(stream);
  }
}
void hand_over_sometimes(void) {
  FILE *data = fopen("first.txt", "w");
  if (!data)
    return;
  maybe_reopen(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'maybe_reopen' here
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'data' was opened here
}

// Through a local function pointer set once to a function of this file.
static void rotate_sink(FILE *stream) {
  stream = fopen("rotated.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_through_pointer' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}

void hand_over_through_pointer(void) {
  void (*sink)(FILE *) = rotate_sink;
  FILE *data = fopen("first.txt", "w");
  sink(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'rotate_sink' here, which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'data' was opened here
}

// --- Out-parameters through a pointer: `open_into(&f)`. ------------------

static void open_log_into(FILE **out) { *out = fopen("app.log", "a"); }
static void close_log_at(FILE **log) {
  if (*log)
    fclose(*log);
  *log = NULL;
}

void open_log_twice(void) {
  FILE *log = NULL;
  open_log_into(&log);
  open_log_into(&log);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'log' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-12]]:48: note: 'log' was opened here
  if (log)
    fclose(log);
}

// Closed through the pointer before it is opened again: silent.
void reopen_log_closed_first(void) {
  FILE *log = fopen("app.log", "a");
  close_log_at(&log);
  log = fopen("app.log", "a");
  close_log_at(&log);
  open_log_into(&log);
  if (log)
    fclose(log);
}

// A helper that keeps the pointer may change the handle at any time.
static FILE **kept_slot;
static void keep_slot(FILE **slot) { kept_slot = slot; }
void slot_kept(void) {
  FILE *log = fopen("app.log", "a");
  keep_slot(&log);
  log = fopen("app.log", "a");
  fclose(log);
}

// The caller's handle copied out of a pointer parameter and overwritten
// under its local name (Juliet's 63 shape).
static void reopen_through_copy(FILE **streamPtr) {
  FILE *stream = *streamPtr;
  stream = fopen("second.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_address' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}
void hand_over_address(void) {
  FILE *data = fopen("first.txt", "w");
  reopen_through_copy(&data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'reopen_through_copy' here, which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'data' was opened here
}

// Closed under the local name first: silent.
static void close_then_reopen_through_copy(FILE **streamPtr) {
  FILE *stream = *streamPtr;
  if (stream)
    fclose(stream);
  stream = fopen("second.txt", "w");
  if (stream)
    fclose(stream);
}
void hand_over_address_closed(void) {
  FILE *data = fopen("first.txt", "w");
  close_then_reopen_through_copy(&data);
}

// The same through `void *` and a typed copy of it (Juliet's 64 shape).
static void reopen_through_void(void *opaque) {
  FILE **streamPtr = (FILE **)opaque;
  FILE *stream = *streamPtr;
  stream = fopen("second.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_void' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}
void hand_over_void(void) {
  FILE *data = fopen("first.txt", "w");
  reopen_through_void(&data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'reopen_through_void' here, which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'data' was opened here
}

// The `void *` also kept elsewhere: nothing is known of what happens there.
static void *kept_opaque;
static void reopen_and_keep(void *opaque) {
  kept_opaque = opaque;
  FILE **streamPtr = (FILE **)opaque;
  FILE *stream = *streamPtr;
  stream = fopen("second.txt", "w");
  if (stream)
    fclose(stream);
}
void hand_over_kept_void(void) {
  FILE *data = fopen("first.txt", "w");
  reopen_and_keep(&data);
}

// Elements of what a pointer parameter points to (Juliet's 66 shape), and
// arrays of descriptors handed to helpers.
static void reopen_element(FILE *streams[]) {
  FILE *stream = streams[2];
  stream = fopen("second.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_element' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}
void hand_over_element(void) {
  FILE *data = fopen("first.txt", "w");
  FILE *streams[5];
  streams[2] = data;
  reopen_element(streams);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'streams[2]' is passed to 'reopen_element' here, which overwrites it without closing it; 'streams[2]' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-5]]:16: note: 'streams[2]' was opened here, as 'data'
}

static void close_pair(int fds[2]) {
  close(fds[0]);
  close(fds[1]);
}
static void read_first(int fds[2]) {
  char c;
  (void)read(fds[0], &c, 1);
}
void pipe_closed_by_helper(void) {
  int fds[2];
  if (pipe(fds) < 0)
    return;
  close_pair(fds);
  if (pipe(fds) < 0)
    return;
  close_pair(fds);
}
void pipe_only_read_by_helper(void) {
  int fds[2];
  if (pipe(fds) < 0)
    return;
  read_first(fds);
  if (pipe(fds) < 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: 'fds[0]' was opened here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: warning: 'fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'fds[1]' was opened here
    return;
  close_pair(fds);
}

// Unknown to the summaries: the array may be closed there.
void keep_pair(int fds[2]);
void pipe_handed_to_unknown(void) {
  int fds[2];
  if (pipe(fds) < 0)
    return;
  keep_pair(fds);
  if (pipe(fds) < 0)
    return;
  close_pair(fds);
}

// A struct passed by value: a copy of each handle field (Juliet's 67 shape).
struct stream_pair {
  FILE *first;
  int flags;
};
static void reopen_field_copy(struct stream_pair pair) {
  FILE *stream = pair.first;
  stream = fopen("second.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_over_struct' passed in; the stream leaks [resource-unclosed-reassignment]
  if (stream)
    fclose(stream);
}
void hand_over_struct(void) {
  struct stream_pair pair;
  pair.first = fopen("first.txt", "w");
  reopen_field_copy(pair);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'pair.first' is passed to 'reopen_field_copy' here, which overwrites it without closing it; 'pair.first' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: 'pair.first' was opened here
}

static void close_field_copy(struct stream_pair pair) {
  if (pair.first)
    fclose(pair.first);
}
void hand_over_struct_closed(void) {
  struct stream_pair pair;
  pair.first = fopen("first.txt", "w");
  close_field_copy(pair);
  pair.first = fopen("second.txt", "w");
  close_field_copy(pair);
}
