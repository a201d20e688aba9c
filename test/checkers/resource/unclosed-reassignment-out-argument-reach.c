// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.MaxAnalysisCost: 150, resource-unclosed-reassignment.ReportSkippedFunctions: true}}'

// `helper(&len)`: a local whose address goes to a function with a body is
// tracked in case that function stores a fresh handle into it. Only a
// function that makes a handle somewhere below it can: the others' out-
// arguments are not tracked, and do not count against MaxAnalysisCost.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// Nothing below it opens anything.
static int measure(int *len) {
  *len = 4;
  return 0;
}

void reconnect_and_measure(void) {
  int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  measure(&a);
  measure(&b);
  measure(&c);
  measure(&d);
  measure(&e);
  measure(&f);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: 'fd' was opened here
  close(fd);
}

// It opens a socket into what it is given: each out-argument may receive
// one, so each is tracked (and the function is over this test's budget).
static int acquire_into(int *out) {
  *out = socket(AF_INET, SOCK_STREAM, 0);
  return 0;
}

void reconnect_and_acquire(void) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'reconnect_and_acquire' was not analysed: it is larger than MaxAnalysisCost allows [resource-unclosed-reassignment]
  int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  acquire_into(&a);
  acquire_into(&b);
  acquire_into(&c);
  acquire_into(&d);
  acquire_into(&e);
  acquire_into(&f);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// Two calls down, through a function pointer it only names: still a
// function that may make a handle.
static FILE *open_log(void) { return fopen("app.log", "a"); }
static int log_and_measure(int *len) {
  FILE *(*opener)(void) = open_log;
  FILE *log = opener();
  if (log)
    fclose(log);
  *len = 4;
  return 0;
}
static int measure_logged(int *len) { return log_and_measure(len); }

void reconnect_and_measure_logged(void) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'reconnect_and_measure_logged' was not analysed: it is larger than MaxAnalysisCost allows [resource-unclosed-reassignment]
  int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  measure_logged(&a);
  measure_logged(&b);
  measure_logged(&c);
  measure_logged(&d);
  measure_logged(&e);
  measure_logged(&f);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
