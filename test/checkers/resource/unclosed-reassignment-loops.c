// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void handle_client(int fd);

void accept_loop_leaks(int listener) {
  int client = -1;
  for (;;) {
    client = accept(listener, 0, 0);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'client' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
    // CHECK-NOTES: :[[@LINE-2]]:14: note: 'client' was opened here in a previous loop iteration
    // The first iteration holds -1, so the fix-it guards the close.
    // CHECK-FIXES: {{^}}  for (;;) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    if (client >= 0) close(client);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    client = accept(listener, 0, 0);{{$}}
    if (client < 0)
      continue;
    write(client, "hello\n", 6);
  }
}

void accept_loop_closes(int listener) {
  int client;
  for (;;) {
    client = accept(listener, 0, 0);
    if (client < 0)
      continue;
    write(client, "hello\n", 6);
    close(client);
  }
}

void accept_loop_hands_over(int listener) {
  int client;
  while (1) {
    client = accept(listener, 0, 0);
    handle_client(client);
  }
}

void accept_loop_declared_inside(int listener) {
  for (int i = 0; i < 10; ++i) {
    int client = accept(listener, 0, 0);
    write(client, "x", 1);
    close(client);
  }
}

void do_while_retry(void) {
  int fd = -1;
  do {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
    // CHECK-NOTES: :[[@LINE-2]]:10: note: 'fd' was opened here in a previous loop iteration
    // CHECK-FIXES: {{^}}    if (fd >= 0) close(fd);{{$}}
  } while (connect(fd, 0, 0) != 0);
  close(fd);
}

void do_while_retry_closes(void) {
  int fd = -1;
  do {
    if (fd >= 0)
      close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  } while (connect(fd, 0, 0) != 0);
  close(fd);
}

void while_retry_closes_on_failure(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (connect(fd, 0, 0) != 0) {
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  close(fd);
}

void nested_loops(int n) {
  int fd = -1;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (fd >= 0)
        close(fd);
      fd = socket(AF_INET, SOCK_STREAM, 0);
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      fd = socket(AF_INET, SOCK_STREAM, 0);
      // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths
      // CHECK-NOTES: :[[@LINE-2]]:12: note: 'fd' was opened here in a previous loop iteration
    }
  }
  close(fd);
}

void loop_without_reassignment(int listener) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  for (int i = 0; i < 3; ++i)
    write(fd, "x", 1);
  close(fd);
}
