// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Each variable has its own state.
void two_handles(void) {
  int a = socket(AF_INET, SOCK_STREAM, 0);
  int b = socket(AF_INET, SOCK_STREAM, 0);
  close(a);
  a = socket(AF_INET, SOCK_STREAM, 0);
  b = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is overwritten while it still holds an open socket
  close(a);
  close(b);
}

// Swapping through a temporary moves ownership around: nothing leaks.
void swap_handles(void) {
  int a = socket(AF_INET, SOCK_STREAM, 0);
  int b = socket(AF_INET6, SOCK_STREAM, 0);
  int tmp = a;
  a = b;
  b = tmp;
  close(a);
  close(b);
}

// Closing the wrong one leaves the other open.
void closes_the_other(void) {
  int a = socket(AF_INET, SOCK_STREAM, 0);
  int b = socket(AF_INET, SOCK_STREAM, 0);
  close(b);
  a = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'a' is overwritten while it still holds an open socket
  b = socket(AF_INET, SOCK_STREAM, 0);
  close(a);
  close(b);
}
