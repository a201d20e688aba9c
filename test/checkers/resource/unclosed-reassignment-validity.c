// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void open_if_invalid(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void open_if_invalid_equal(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd == -1)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void open_if_invalid_swapped(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (-1 == fd)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  if (0 > fd)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void close_if_valid(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd >= 0)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd != -1)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (-1 != fd)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd > -1)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (0 <= fd)
    close(fd);
}

void reopen_if_null(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp)
    fp = fopen("/dev/null", "r");
  if (fp == NULL)
    fp = fopen("/dev/null", "r");
  if (NULL == fp)
    fp = fopen("/dev/null", "r");
  if (fp)
    fclose(fp);
}

void close_if_nonnull(const char *path) {
  FILE *fp = fopen(path, "r");
  if (fp != NULL)
    fclose(fp);
  fp = fopen(path, "r");
  if (fp)
    fclose(fp);
  fp = fopen(path, "r");
  if (NULL != fp)
    fclose(fp);
}

// The wrong test: a valid descriptor is *not* closed.
void close_if_invalid(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: void close_if_invalid(void) {
  // CHECK-FIXES: {{^}}    close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fd >= 0) close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

void reopen_if_nonnull(const char *path) {
  FILE *fp = fopen(path, "r");
  if (fp)
    fp = fopen("/dev/null", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}    { fclose(fp); fp = fopen("/dev/null", "r"); }{{$}}
  if (fp)
    fclose(fp);
}

void early_return_on_failure(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}    return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(fd);
}

void logical_and(int ready) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd >= 0 && ready)
    close(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
  close(fd);
}

void logical_or(int stale) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || stale)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}    { if (fd >= 0) close(fd); fd = socket(AF_INET, SOCK_STREAM, 0); }{{$}}
  close(fd);
}

void expect_builtin(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (__builtin_expect(fd < 0, 0))
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void assignment_in_condition(void) {
  int fd;
  if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
  FILE *fp;
  if ((fp = fopen("a", "r")) == NULL)
    fp = fopen("b", "r");
  if (!(fp = fopen("c", "r")))
    return;
  // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  fclose(fp);
}
