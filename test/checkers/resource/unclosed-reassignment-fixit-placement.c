// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define REOPEN(v) v = socket(AF_INET, SOCK_STREAM, 0)
#define NEW_SOCKET socket(AF_INET, SOCK_STREAM, 0)

void unbraced_if(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    fd = socket(AF_INET, SOCK_DGRAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}    { close(fd); fd = socket(AF_INET, SOCK_DGRAM, 0); }{{$}}
  close(fd);
}

void unbraced_else(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    send(fd, "x", 1, 0);
  else
    fd = socket(AF_INET, SOCK_RAW, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}    { close(fd); fd = socket(AF_INET, SOCK_RAW, 0); }{{$}}
  close(fd);
}

void unbraced_while(int n) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (n-- > 0)
    fd = socket(AF_INET, SOCK_SEQPACKET, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}    { close(fd); fd = socket(AF_INET, SOCK_SEQPACKET, 0); }{{$}}
  close(fd);
}

void deep_indentation(int a, int b) {
  if (a) {
    if (b) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' is overwritten while it still holds an open socket
        // CHECK-FIXES: {{^}}        close(fd);{{$}}
        // CHECK-FIXES-NEXT: {{^}}        fd = socket(AF_UNIX, SOCK_STREAM, 0);{{$}}
        close(fd);
    }
  }
}

void tabs(void) {
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	fd = socket(AF_INET6, SOCK_STREAM, 0);
	// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fd' is overwritten while it still holds an open socket
	// CHECK-FIXES: {{^}}	close(fd);{{$}}
	// CHECK-FIXES-NEXT: {{^}}	fd = socket(AF_INET6, SOCK_STREAM, 0);{{$}}
	close(fd);
}

void same_line(void) {
  int fd = socket(AF_INET, SOCK_DGRAM, 17); fd = socket(AF_INET, SOCK_DGRAM, 17);
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  int fd = socket(AF_INET, SOCK_DGRAM, 17); close(fd); fd = socket(AF_INET, SOCK_DGRAM, 17);{{$}}
  close(fd);
}

void right_side_macro(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 6);
  fd = NEW_SOCKET;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  int fd = socket(AF_INET, SOCK_STREAM, 6);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = NEW_SOCKET;{{$}}
  close(fd);
}

// No fix-it where the edit could be wrong.
void whole_statement_in_macro(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 1);
  REOPEN(fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  int fd = socket(AF_INET, SOCK_STREAM, 1);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  REOPEN(fd);{{$}}
  close(fd);
}

void in_loop_condition(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 2);
  while ((fd = socket(AF_INET, SOCK_STREAM, 2)) < 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' is overwritten while it still holds an open socket
    // CHECK-FIXES: {{^}}  while ((fd = socket(AF_INET, SOCK_STREAM, 2)) < 0) {{{$}}
  }
  close(fd);
}

void in_for_init(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 3);
  for (fd = socket(AF_INET, SOCK_STREAM, 3); fd < 0;) {
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fd' is overwritten while it still holds an open socket
    // CHECK-FIXES: {{^}}  for (fd = socket(AF_INET, SOCK_STREAM, 3); fd < 0;) {{{$}}
    break;
  }
  close(fd);
}

void in_comma_expression(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 4), n = 0;
  n++, fd = socket(AF_INET, SOCK_STREAM, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  n++, fd = socket(AF_INET, SOCK_STREAM, 4);{{$}}
  close(fd);
}

void uninitialized_on_some_path(int c) {
  int fd;
  if (c)
    fd = socket(AF_INET, SOCK_STREAM, 5);
  fd = socket(AF_INET, SOCK_STREAM, 5);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket
  // CHECK-FIXES: {{^}}    fd = socket(AF_INET, SOCK_STREAM, 5);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 5);{{$}}
  close(fd);
}
