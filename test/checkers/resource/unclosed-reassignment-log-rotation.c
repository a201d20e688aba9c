// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>

void rotate_properly(FILE *unused) {
  FILE *log = fopen("app.log", "a");
  fputs("start\n", log);
  fclose(log);
  log = fopen("app.log.1", "a");
  if (log)
    fclose(log);
}

void rotate_with_freopen(void) {
  FILE *log = fopen("app.log", "a");
  if (!log)
    return;
  log = freopen("app.log.1", "a", log);
  if (log)
    fclose(log);
}

void rotate_forgetting_close(void) {
  FILE *log = fopen("app.log", "a");
  if (!log)
    return;
  fputs("start\n", log);
  log = fopen("app.log.1", "a");
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'log' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'log' was opened here
  // Checked valid above: no guard needed.
  // CHECK-FIXES: {{^}}  fputs("start\n", log);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fclose(log);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  log = fopen("app.log.1", "a");{{$}}
  if (log)
    fclose(log);
}
