// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

#include <netdb.h>
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

// The textbook connect loop (getaddrinfo(3)): close() before trying the
// next address, so nothing leaks.
int connect_any(const char *host, const char *port) {
  struct addrinfo hints = {0}, *res, *rp;
  int fd = -1;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  for (rp = res; rp != NULL; rp = rp->ai_next) {
    fd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);
    if (fd == -1)
      continue;
    if (connect(fd, rp->ai_addr, rp->ai_addrlen) != -1)
      break;
    close(fd);
  }
  freeaddrinfo(res);
  return rp == NULL ? -1 : fd;
}

// The same loop without the close(): every failed attempt leaks.
int connect_any_leaky(const char *host, const char *port) {
  struct addrinfo hints = {0}, *res, *rp;
  int fd = -1;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  for (rp = res; rp != NULL; rp = rp->ai_next) {
    fd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);
    // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
    // CHECK-NOTES: :[[@LINE-2]]:10: note: 'fd' was opened here in a previous loop iteration
    // CHECK-FIXES: {{^}}    if (fd >= 0) close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd = socket(rp->ai_family, rp->ai_socktype, rp->ai_protocol);{{$}}
    if (fd == -1)
      continue;
    if (connect(fd, rp->ai_addr, rp->ai_addrlen) != -1)
      break;
  }
  freeaddrinfo(res);
  return rp == NULL ? -1 : fd;
}
