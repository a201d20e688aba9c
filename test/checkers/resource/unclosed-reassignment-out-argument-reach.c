// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.MaxAnalysisCost: 150, resource-unclosed-reassignment.ReportSkippedFunctions: true}}'

// `helper(&len)`: a local whose address goes to a function with a body is
// tracked in case that function stores a fresh handle into it. Only a
// function that makes a handle somewhere below it, and stores something
// other than a constant through that parameter (or passes it to one that
// may), can: the others' out-arguments are not tracked, and do not count
// against MaxAnalysisCost.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// Six locals given by address to HELPER: when they are tracked, the
// function's cost (statements times tracked variables) is over this test's
// budget; when they are not, it is within it.
#define GIVE_SIX_ADDRESSES(HELPER)                                            \
  int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0;                               \
  HELPER(&a);                                                                 \
  HELPER(&b);                                                                 \
  HELPER(&c);                                                                 \
  HELPER(&d);                                                                 \
  HELPER(&e);                                                                 \
  HELPER(&f)

// Nothing below it opens anything.
static int measure(int *len) {
  *len = 4;
  return 0;
}

void reconnect_and_measure(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  GIVE_SIX_ADDRESSES(measure);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'fd' was opened here
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
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  GIVE_SIX_ADDRESSES(acquire_into);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// It opens (and closes) a log, but stores only a constant through its
// parameter: nothing it stores there can be a handle.
static FILE *open_log(void) { return fopen("app.log", "a"); }
static int log_and_measure(int *len) {
  FILE *log = open_log();
  if (log)
    fclose(log);
  *len = 4;
  return 0;
}

void reconnect_and_measure_logged(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  GIVE_SIX_ADDRESSES(log_and_measure);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'fd' was opened here
  close(fd);
}

// Two calls down, opening through a function pointer it only names, and
// storing a computed value: it may store a handle there.
static int log_and_count(int *len) {
  FILE *(*opener)(void) = open_log;
  FILE *log = opener();
  int count = log ? (int)ftell(log) : 0;
  if (log)
    fclose(log);
  *len = count;
  return 0;
}
static int measure_counted(int *len) { return log_and_count(len); }

void reconnect_and_count(void) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'reconnect_and_count' was not analysed: it is larger than MaxAnalysisCost allows [resource-unclosed-reassignment]
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  GIVE_SIX_ADDRESSES(measure_counted);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// The place it points to handed on by address: the callee may fill it.
static int fill_at(int *slot) {
  *slot = socket(AF_INET, SOCK_STREAM, 0);
  return 0;
}
static int fill_through_address(int *len) { return fill_at(&len[0]); }

void reconnect_and_fill(void) {
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: function 'reconnect_and_fill' was not analysed: it is larger than MaxAnalysisCost allows [resource-unclosed-reassignment]
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  GIVE_SIX_ADDRESSES(fill_through_address);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
