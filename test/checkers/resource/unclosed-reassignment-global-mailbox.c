// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A global only this file names, which one function alone reads out into a
// local (`FILE *data = pending;`), carries the handle a caller stores there
// to that function, as an argument would: a caller that stores its handle
// and calls the reader, which overwrites its copy without closing it, loses
// the handle (Juliet CWE-773 variant 45).

#include <stdio.h>

static FILE *pending;

static void consume_pending(void) {
  FILE *data = pending;
  data = fopen("other.txt", "w+");
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds the open FILE stream that 'hand_over_pending' passed in; the stream leaks [resource-unclosed-reassignment]
  if (data != NULL)
    fclose(data);
}

void hand_over_pending(void) {
  FILE *data = fopen("source.txt", "w+");
  pending = data;
  consume_pending();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'consume_pending', called here, reads 'pending' into 'data' and overwrites it without closing it; nothing reads 'pending' after the call
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'pending' was opened here, as 'data'
}

// Silent: the reader closes the caller's stream first.
static FILE *queued;

static void consume_queued(void) {
  FILE *data = queued;
  if (data != NULL)
    fclose(data);
  data = fopen("other.txt", "w+");
  if (data != NULL)
    fclose(data);
}

void hand_over_queued(void) {
  FILE *data = fopen("source.txt", "w+");
  queued = data;
  consume_queued();
}

// Silent: two functions read the global out; the other may close it.
static FILE *shared;

static void overwrite_shared(void) {
  FILE *data = shared;
  data = fopen("other.txt", "w+");
  if (data != NULL)
    fclose(data);
}

void close_shared(void) {
  FILE *data = shared;
  if (data)
    fclose(data);
}

void hand_over_shared(void) {
  FILE *data = fopen("source.txt", "w+");
  shared = data;
  overwrite_shared();
}

// Silent: the caller still uses its stream after the call.
static FILE *peeked;

static void overwrite_peeked(void) {
  FILE *data = peeked;
  data = fopen("other.txt", "w+");
  if (data != NULL)
    fclose(data);
}

void hand_over_and_close(void) {
  FILE *data = fopen("source.txt", "w+");
  peeked = data;
  overwrite_peeked();
  fclose(data);
}

// Silent: other files may read a global they can name.
FILE *exported;

static void overwrite_exported(void) {
  FILE *data = exported;
  data = fopen("other.txt", "w+");
  if (data != NULL)
    fclose(data);
}

void hand_over_exported(void) {
  FILE *data = fopen("source.txt", "w+");
  exported = data;
  overwrite_exported();
}
