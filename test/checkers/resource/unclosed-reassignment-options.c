// RUN: %check_resource_tidy -check-suffixes=DEFAULT %s resource-unclosed-reassignment %t
// RUN: %check_resource_tidy -check-suffixes=SMALL %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.MaxAnalysisCost: 100}}'
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.MaxAnalysisCost: 100, resource-unclosed-reassignment.ReportSkippedFunctions: true}}' -- 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=SKIPPED
// SKIPPED: unclosed-reassignment-options.c:{{[0-9]+}}:6: warning: function 'big' was not analysed: it is larger than MaxAnalysisCost allows [resource-unclosed-reassignment]
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' --dump-config %s -- \
// RUN:   | %FileCheck %s --check-prefix=DUMP
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.MaxAnalysisCost: lots}}' -- 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=BAD

// Every option is written back, in alphabetical order.
// DUMP: resource-unclosed-reassignment.BuiltinFamilies: all
// DUMP-NEXT: resource-unclosed-reassignment.ConnectionClasses: ''
// DUMP-NEXT: resource-unclosed-reassignment.DeferredDeleteMethods: deleteLater
// DUMP-NEXT: resource-unclosed-reassignment.Families: ''
// DUMP-NEXT: resource-unclosed-reassignment.HeldHandles: ''
// DUMP-NEXT: resource-unclosed-reassignment.MaxAnalysisCost: '2000000'
// DUMP-NEXT: resource-unclosed-reassignment.NoReturnFunctions: 'UnityFail;_fail'
// DUMP-NEXT: resource-unclosed-reassignment.PersistentStorage: all
// DUMP-NEXT: resource-unclosed-reassignment.ReleaseMethods: 'close;disconnect;shutdown'
// DUMP-NEXT: resource-unclosed-reassignment.ReportSkippedFunctions: 'false'
// DUMP-NEXT: resource-unclosed-reassignment.RunAgainFunctions: '^(on[A-Z_][A-Za-z0-9_]*|handle[A-Z_][A-Za-z0-9_]*|[A-Za-z0-9_]*([Hh]andler|_cb|[Cc]allback)|[A-Za-z0-9_]*([Rr]econnect|[Rr]eload|[Rr]eopen|[Rr]etry)[A-Za-z0-9_]*)$'
// DUMP-NEXT: resource-unclosed-reassignment.SharedPointerConnections: 'false'
// DUMP-NEXT: resource-unclosed-reassignment.SinkFunctions: ''
// DUMP-NEXT: resource-unclosed-reassignment.SummaryIndex: ''
// DUMP-NEXT: resource-unclosed-reassignment.UseFunctions: ''
// DUMP-NEXT: resource-unclosed-reassignment.ValueHandleClasses: ''
// BAD: warning: invalid configuration value 'lots' for option 'resource-unclosed-reassignment.MaxAnalysisCost'; expected an integer [clang-tidy-config]
// A bad value falls back to the default; the check still runs.
// BAD: unclosed-reassignment-options.c:{{[0-9]+}}:6: warning: 'fd' is overwritten while it still holds an open socket

#include <sys/socket.h>
#include <unistd.h>

void small(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

// Over MaxAnalysisCost=100 (statements x tracked variables): skipped silently.
void big(int a, int b, int c, int d) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (a) send(fd, "a", 1, 0);
  if (b) send(fd, "b", 1, 0);
  if (c) send(fd, "c", 1, 0);
  if (d) send(fd, "d", 1, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  int other = socket(AF_INET, SOCK_STREAM, 0);
  if (a) send(other, "a", 1, 0);
  if (b) send(other, "b", 1, 0);
  if (c) send(other, "c", 1, 0);
  if (d) send(other, "d", 1, 0);
  other = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:9: warning: 'other' is overwritten while it still holds an open socket
  close(other);
  close(fd);
}

void small_again(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = -1;
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-MESSAGES-SMALL: :[[@LINE-2]]:6: warning: 'fd' is overwritten while it still holds an open socket
  (void)fd;
}
