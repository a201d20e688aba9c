// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

int kind_unknown(void);

// Each path opens exactly once.
void opened_per_branch(int v6) {
  int fd;
  if (v6)
    fd = socket(AF_INET6, SOCK_STREAM, 0);
  else
    fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void else_if_chain(int kind) {
  int fd = -1;
  if (kind == 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
  else if (kind == 1)
    fd = socket(AF_INET6, SOCK_STREAM, 0);
  else if (kind == 2)
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd >= 0)
    close(fd);
}

// The fallback overwrites the handle the first branch opened.
void fallback_after_branch(int v6) {
  int fd = -1;
  if (v6)
    fd = socket(AF_INET6, SOCK_STREAM, 0);
  if (kind_unknown())
    fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open socket
  // CHECK-FIXES: {{^}}    { if (fd >= 0) close(fd); fd = socket(AF_INET, SOCK_STREAM, 0); }{{$}}
  if (fd >= 0)
    close(fd);
}
