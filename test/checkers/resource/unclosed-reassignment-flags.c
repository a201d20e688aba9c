// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A local flag set to a nonzero constant while the handle is open, and not
// changed since, is kept in step with it: where the flag reads zero, the
// handle is not open. A descriptor compared equal to 0 is taken for "not
// set yet" (0 is a valid descriptor, but storage tested for it uses 0 as
// its empty value).

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int first_file_only(int argc, char **argv) {
  FILE *in = NULL;
  int found = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0)
      continue;
    else if (!found) {
      in = fopen(argv[i], "rb");
      found = 1;
    }
  }
  if (!found)
    in = stdin;
  int c = fgetc(in);
  if (in != stdin)
    fclose(in);
  return c;
}

int every_file(int argc, char **argv) {
  FILE *in = NULL;
  int found = 0;
  for (int i = 1; i < argc; i++) {
    in = fopen(argv[i], "rb");
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'in' is overwritten while it may still hold an open FILE stream; the previous stream leaks on some paths [resource-unclosed-reassignment]
    found = 1;
  }
  if (!found)
    in = stdin;
  int c = fgetc(in);
  if (in != stdin)
    fclose(in);
  return c;
}

int counted_flag(int argc, char **argv) {
  FILE *in = NULL;
  int found = 0;
  for (int i = 1; i < argc; i++) {
    if (found < 2) {
      in = fopen(argv[i], "rb");
      // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'in' is overwritten while it may still hold an open FILE stream; the previous stream leaks on some paths [resource-unclosed-reassignment]
      found++;
    }
  }
  int c = in ? fgetc(in) : -1;
  if (in)
    fclose(in);
  return c;
}

int reset_on_close(int n) {
  int fd = -1;
  int open_now = 0;
  for (int i = 0; i < n; i++) {
    if (!open_now) {
      fd = open("data", O_RDONLY);
      open_now = 1;
    }
    if (i % 8 == 7) {
      close(fd);
      open_now = 0;
    }
  }
  return open_now ? close(fd) : 0;
}

int stdin_copy(void) {
  static int fd;
  if (0 == fd)
    fd = dup(STDIN_FILENO);
  return fd;
}

// The same in an option loop (lighttpd's `-1`): the copy made in an
// earlier iteration is not 0 while descriptor 0 is open.
int stdin_copy_option(int argc, char **argv) {
  int oneshot_fd = 0;
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] == '1' && 0 == oneshot_fd)
      oneshot_fd = dup(STDIN_FILENO);
  return oneshot_fd;
}

int stdin_copy_twice(int argc) {
  int fd = 0;
  for (int i = 0; i < argc; ++i)
    fd = dup(STDIN_FILENO);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open file descriptor; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  return fd;
}

int stdin_copy_when_set(void) {
  static int fd;
  if (fd > 2)
    fd = dup(STDIN_FILENO);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' may still hold an open file descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  return fd;
}
