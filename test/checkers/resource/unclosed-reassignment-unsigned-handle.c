// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

typedef unsigned int SOCKET_LIKE;
#define BAD_SOCKET ((SOCKET_LIKE)~0)

void unsigned_invalid_test(void) {
  SOCKET_LIKE s = socket(AF_INET, SOCK_STREAM, 0);
  if (s == BAD_SOCKET)
    s = socket(AF_INET, SOCK_STREAM, 0);
  if (s != BAD_SOCKET)
    close(s);
  s = socket(AF_INET, SOCK_STREAM, 0);
  if (s == (SOCKET_LIKE)-1)
    return;
  s = socket(AF_INET6, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open socket
  close(s);
}
