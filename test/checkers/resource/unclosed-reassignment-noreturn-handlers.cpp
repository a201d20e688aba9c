// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.NoReturnFunctions: "::harness::fail"}}'

// A qualified NoReturnFunctions entry names that function only: a function
// of the same name in another namespace still returns.

#include <cstdio>

namespace harness {
void fail(const char *message);
}
namespace other {
void fail(const char *message);
}

static FILE *log_file;
void open_log() {
  if (log_file)
    harness::fail("log already open");
  log_file = fopen("test.log", "w");
}

static FILE *trace_file;
void open_trace() {
  if (trace_file)
    other::fail("trace already open");
  trace_file = fopen("trace.log", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'trace_file' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

void close_all() {
  fclose(log_file);
  log_file = nullptr;
  fclose(trace_file);
  trace_file = nullptr;
}

void test_one() {
  open_log();
  open_trace();
  close_all();
}

void test_two() {
  open_log();
  open_trace();
  close_all();
}
