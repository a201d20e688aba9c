// RUN: %check_resource_tidy %s resource-leaked-handle %t -- -- -isystem %S/Inputs/libs -D_GNU_SOURCE
// RUN: %check_resource_tidy -check-suffix=STRICT %s resource-leaked-handle %t \
// RUN:   -- -config="{CheckOptions: {resource-leaked-handle.StrictMode: true}}" \
// RUN:   -- -isystem %S/Inputs/libs -D_GNU_SOURCE -DSTRICT

#include <netdb.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STRICT
// An early error return forgets the stream.
int first_line(const char *path, char *line, int size) {
  FILE *f = fopen(path, "r");
  if (!f)
    return -1;
  if (!fgets(line, size, f))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'f' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
  // CHECK-FIXES: {{^}}    { fclose(f); return -1; }{{$}}
  fclose(f);
  return 0;
}

// The end of the function loses the descriptor.
void greet(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  write(fd, "hello", 5);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]
// CHECK-FIXES: {{^}}  write(fd, "hello", 5);{{$}}
// CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Each iteration declares the client again: the previous one is lost at
// the end of the loop body.
void serve(int listener) {
  for (;;) {
    int client = accept(listener, NULL, NULL);
    if (client < 0)
      continue;
    write(client, "bye", 3);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'client' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]
  // CHECK-FIXES: {{^}}    write(client, "bye", 3);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    close(client);{{$}}
}

// A return whose value needs the descriptor gets no fix.
long send_once(const char *text, size_t n) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  return write(fd, text, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]
  // CHECK-FIXES: {{^}}  return write(fd, text, n);{{$}}
}

// An address list from getaddrinfo, through its out-parameter.
int resolve(const char *host) {
  struct addrinfo *res = NULL;
  if (getaddrinfo(host, "80", NULL, &res) != 0)
    return -1;
  return res->ai_family;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'res' goes out of scope while it still holds an open address list; the address list leaks [resource-leaked-handle]
}

// Silent: closed, returned, handed over, stored, never opened, or failed.
int closed(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  write(fd, "x", 1);
  close(fd);
  return 0;
}

int returned(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}

void keep(int fd);
struct server { int fd; };

void handed_over(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  keep(fd);
}

void stored(struct server *s) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  s->fd = fd;
}

void stored_through_out_parameter(int *out) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  *out = fd;
}

void failed_acquisition(void) {
  FILE *f = fopen("/tmp/x", "r");
  if (f == NULL)
    return;
  fclose(f);
}

// Its address went to code the analysis does not see.
void registered(int **slot) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  *slot = &fd;
}

// A static local outlives the call.
void opened_once(void) {
  static int fd = -1;
  if (fd < 0)
    fd = socket(AF_INET, SOCK_STREAM, 0);
}

// main() ends the process: the system closes what it holds.
int main(void) {
  FILE *log = fopen("/tmp/log", "w");
  fprintf(log, "start\n");
  return 0;
}
#endif

// Open on some paths only: reported in StrictMode, not by default (a
// condition correlated with the handle is not followed).
void maybe(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    close(fd);
}
// CHECK-MESSAGES-STRICT: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it may still hold an open socket; the descriptor leaks on some paths [resource-leaked-handle]
