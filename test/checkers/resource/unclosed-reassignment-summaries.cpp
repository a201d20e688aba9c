// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A function of this file that stores a fresh handle into a reference
// parameter on every path is an out-parameter acquisition for its callers.

#include <stdio.h>

static void open_into(FILE *&stream, const char *path) {
  stream = fopen(path, "w");
}

// Not on every path: what it leaves there is unknown.
static void maybe_open_into(FILE *&stream, const char *path, bool really) {
  if (really)
    stream = fopen(path, "w");
}

void open_twice() {
  FILE *log = fopen("a.log", "w");
  open_into(log, "b.log");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'log' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'log' was opened here
  if (log)
    fclose(log);
}

void source_then_overwrite() {
  FILE *data = nullptr;
  open_into(data, "source.txt");
  data = fopen("sink.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'data' was opened here
  if (data)
    fclose(data);
}

// Fixed versions.
void close_then_open_into() {
  FILE *log = fopen("a.log", "w");
  if (log)
    fclose(log);
  open_into(log, "b.log");
  if (log)
    fclose(log);
}

void maybe_opened(bool really) {
  FILE *data = nullptr;
  maybe_open_into(data, "source.txt", really);
  data = fopen("sink.txt", "w");
  if (data)
    fclose(data);
}
