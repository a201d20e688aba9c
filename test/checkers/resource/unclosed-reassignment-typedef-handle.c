// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

typedef int sock_t;

void typedef_handle(void) {
  sock_t s = socket(AF_INET, SOCK_STREAM, 0);
  s = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  close(s);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  close(s);
}

void typedef_handle_closed(void) {
  sock_t s = socket(AF_INET, SOCK_STREAM, 0);
  close(s);
  s = socket(AF_INET, SOCK_STREAM, 0);
  close(s);
}
