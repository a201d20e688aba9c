// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int wrap(int fd);

// The old value is handed to the call that produces the new one.
void reopened_stream(void) {
  FILE *fp = fopen("log", "w");
  fp = freopen("log.1", "w", fp);
  if (fp)
    fclose(fp);
}

void wrapped_descriptor(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = wrap(fd);
  close(fd);
}

void duplicated_from_itself(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = dup(fd);
  close(fd);
}

void same_value(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = fd;
  close(fd);
}

// Only the variable's own old value counts, not another handle.
void wrapped_other(int other) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = wrap(other);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}
