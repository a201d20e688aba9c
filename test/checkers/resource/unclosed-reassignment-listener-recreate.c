// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// Recreating the listening socket after an error without closing it.
void serve_forever(const struct sockaddr_in *addr) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  bind(listener, (const struct sockaddr *)addr, sizeof *addr);
  listen(listener, 16);
  for (;;) {
    int client = accept(listener, 0, 0);
    if (client < 0) {
      listener = socket(AF_INET, SOCK_STREAM, 0);
      // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'listener' is overwritten while it still holds an open socket
      // CHECK-FIXES: {{^}}    if (client < 0) {{{$}}
      // CHECK-FIXES-NEXT: {{^}}      close(listener);{{$}}
      bind(listener, (const struct sockaddr *)addr, sizeof *addr);
      listen(listener, 16);
      continue;
    }
    write(client, "bye\n", 4);
    close(client);
  }
}

void serve_forever_recreating_properly(const struct sockaddr_in *addr) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  listen(listener, 16);
  for (;;) {
    int client = accept(listener, 0, 0);
    if (client < 0) {
      close(listener);
      listener = socket(AF_INET, SOCK_STREAM, 0);
      listen(listener, 16);
      continue;
    }
    close(client);
  }
}
