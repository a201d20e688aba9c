// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Deep nesting and many joins must neither lose precision nor blow up.
void deep(int a, int b, int c, int d, int e, int f, int g, int h) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (a) { if (b) { if (c) { if (d) { if (e) { if (f) { if (g) { if (h) {
    send(fd, "deep", 4, 0);
  } } } } } } } }
  if (a) { if (b) { if (c) { if (d) { if (e) { if (f) { if (g) { if (h) {
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  } } } } } } } }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void deep_all_closed(int a, int b, int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (a) {
    if (b) {
      if (c)
        close(fd);
      else
        close(fd);
    } else {
      close(fd);
    }
  } else {
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
