// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int next_fd(void);

void reset_to_minus_one(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = -1;{{$}}
  (void)fd;
}

void reset_to_null(void) {
  FILE *fp = fopen("a", "r");
  fp = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  if (fp) fclose(fp);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fp = NULL;{{$}}
  (void)fp;
}

void overwritten_by_call(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = next_fd();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}

void reset_after_close(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  fd = -1;
  FILE *fp = fopen("a", "r");
  fclose(fp);
  fp = NULL;
  (void)fd;
  (void)fp;
}

void reset_invalid(void) {
  int fd = -1;
  fd = -1;
  int other = 0;
  other = 3;
  (void)fd;
  (void)other;
}
