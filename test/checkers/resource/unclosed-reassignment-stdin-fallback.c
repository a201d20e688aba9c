// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>

// A variable that starts as a standard stream holds nothing we opened.
int count_lines(const char *path) {
  FILE *in = stdin;
  if (path)
    in = fopen(path, "r");
  int lines = 0;
  for (int c; in && (c = fgetc(in)) != EOF;)
    lines += c == '\n';
  if (in && in != stdin)
    fclose(in);
  return lines;
}

// Falling back to stdin after opening a file loses the file.
int fallback_loses_file(const char *path, int use_stdin) {
  FILE *in = fopen(path, "r");
  if (use_stdin)
    in = stdin;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'in' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}    { if (in) fclose(in); in = stdin; }{{$}}
  return fgetc(in);
}
