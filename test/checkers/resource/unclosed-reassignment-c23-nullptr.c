// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c23

#include <stdio.h>

void c23_null(const char *path) {
  FILE *fp = nullptr;
  fp = fopen(path, "r");
  if (fp == nullptr)
    fp = fopen("/dev/null", "r");
  if (fp != nullptr)
    fp = fopen(path, "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fp' is overwritten while it still holds an open FILE stream
  if (fp)
    fclose(fp);
}
