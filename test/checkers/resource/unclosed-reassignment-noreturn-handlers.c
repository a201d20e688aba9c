// RUN: %check_resource_tidy -check-suffixes=DEFAULT %s resource-unclosed-reassignment %t
// RUN: %check_resource_tidy -check-suffixes=NONE %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.NoReturnFunctions: ""}}'
// RUN: %check_resource_tidy -check-suffixes=CUSTOM %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.NoReturnFunctions: "UnityFail;report_and_abort"}}'

// Test frameworks assert with a failure handler that jumps out of the test
// (longjmp) but is not declared noreturn, like Unity's UnityFail. The path
// through a failed assertion does not go on; NoReturnFunctions names them.

#include <stddef.h>
#include <stdio.h>

void UnityFail(const char *message, unsigned line);
#define TEST_ASSERT_NULL(pointer)                                              \
  if ((pointer) == NULL) {                                                     \
  } else {                                                                     \
    UnityFail("Expected NULL", __LINE__);                                      \
  }

void report_and_abort(const char *message);
#define CHECK_NULL(pointer)                                                    \
  if ((pointer) != NULL)                                                       \
    report_and_abort("expected NULL")

static FILE *log_file;
void open_log(void) {
  TEST_ASSERT_NULL(log_file);
  log_file = fopen("test.log", "w");
  // CHECK-MESSAGES-NONE: :[[@LINE-1]]:12: warning: 'log_file' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

static FILE *trace_file;
void open_trace(void) {
  CHECK_NULL(trace_file);
  trace_file = fopen("trace.log", "w");
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:14: warning: 'trace_file' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-MESSAGES-NONE: :[[@LINE-2]]:14: warning: 'trace_file' may still hold an open FILE stream from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
}

void close_all(void) {
  fclose(log_file);
  log_file = NULL;
  fclose(trace_file);
  trace_file = NULL;
}

void test_one(void) {
  open_log();
  open_trace();
  close_all();
}

void test_two(void) {
  open_log();
  open_trace();
  close_all();
}
