// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>

// A command-line tool that opens each argument in turn.
int cat_all(int argc, char **argv) {
  FILE *in = NULL;
  for (int i = 1; i < argc; ++i) {
    in = fopen(argv[i], "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'in' is overwritten while it may still hold an open FILE stream; the previous stream leaks on some paths
    // CHECK-FIXES: {{^}}    if (in) fclose(in);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    in = fopen(argv[i], "r");{{$}}
    if (!in) {
      perror(argv[i]);
      continue;
    }
    for (int c; (c = fgetc(in)) != EOF;)
      putchar(c);
  }
  return 0;
}

int cat_all_closing(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    FILE *in = fopen(argv[i], "r");
    if (!in)
      continue;
    for (int c; (c = fgetc(in)) != EOF;)
      putchar(c);
    fclose(in);
  }
  return 0;
}
