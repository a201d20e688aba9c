// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

#include <netdb.h>
#include <stddef.h>

void resolve_twice(const char *host) {
  struct addrinfo *res = NULL;
  getaddrinfo(host, "80", NULL, &res);
  getaddrinfo(host, "443", NULL, &res);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'res' is overwritten while it still holds an open address list; the previous address list leaks
  // CHECK-FIXES: {{^}}  if (res) freeaddrinfo(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  getaddrinfo(host, "443", NULL, &res);{{$}}
  freeaddrinfo(res);
}

void resolve_and_free(const char *host) {
  struct addrinfo *res = NULL;
  if (getaddrinfo(host, "80", NULL, &res) != 0)
    return;
  freeaddrinfo(res);
  if (getaddrinfo(host, "443", NULL, &res) == 0)
    freeaddrinfo(res);
}

void resolve_in_condition(const char *host) {
  struct addrinfo *res = NULL;
  getaddrinfo(host, "80", NULL, &res);
  if (getaddrinfo(host, "443", NULL, &res) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'res' is overwritten while it still holds an open address list
    return;
  freeaddrinfo(res);
}
