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

// Equal to a standard stream, the variable holds nothing opened here: the
// stream is closed on every path that can hold one.
void close_unless_stdin_ternary(int use_file) {
  FILE *f = use_file ? fopen("a", "r") : stdin;
  if (f != stdin)
    fclose(f);
  f = fopen("b", "r");
  if (f)
    fclose(f);
}

void close_unless_stdout_branches(int use_file) {
  FILE *f;
  if (use_file)
    f = fopen("a", "w");
  else
    f = stdout;
  if (f == stdout)
    fflush(f);
  else
    fclose(f);
  f = fopen("b", "w");
  if (f)
    fclose(f);
}

// Comparing with stdin says nothing when they differ: the file stays open.
void compared_but_not_closed(int use_file) {
  FILE *f = use_file ? fopen("a", "r") : stdin;
  if (f == stdin)
    fputs("reading standard input\n", stderr);
  f = fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'f' is overwritten while it may still hold an open FILE stream; the previous stream leaks on some paths
  if (f)
    fclose(f);
}
