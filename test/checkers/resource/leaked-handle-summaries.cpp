// RUN: %check_resource_tidy %s resource-leaked-handle %t

// A function of this file that stores a fresh handle into a reference
// parameter on every path opens it for its caller.

#include <stdio.h>

static void open_into(FILE *&stream, const char *path) {
  stream = fopen(path, "w");
}

void opened_and_dropped() {
  FILE *log = nullptr;
  open_into(log, "app.log");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'log' goes out of scope while it still holds an open handle; the handle leaks [resource-leaked-handle]

void opened_and_closed() {
  FILE *log = nullptr;
  open_into(log, "app.log");
  if (log)
    fclose(log);
}
