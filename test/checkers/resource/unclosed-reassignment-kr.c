// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c89 -Wno-deprecated-non-prototype

#include <stdio.h>

FILE *reopen(path, mode)
  const char *path;
  const char *mode;
{
  FILE *fp = fopen(path, mode);
  fp = fopen(path, mode);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  return fp;
}

int old_style_implicit(count)
{
  FILE *fp = 0;
  while (count-- > 0) {
    if (fp)
      fclose(fp);
    fp = fopen("x", "r");
  }
  return fp != 0;
}
