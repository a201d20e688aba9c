// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes \
// RUN:   -config="{CheckOptions: {HeldHandles: 'link_fd -> close [set=link_attach, set=link_attach_at@2, replace=link_swap, noun=socket]'}}" \
// RUN:   -- -isystem %S/Inputs/libs
// RUN: %check_resource_tidy -check-suffix=NONE %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

// A library of one's own whose objects hold a descriptor, declared with
// HeldHandles: link_attach stores one (dropping the old one), link_swap
// closes the old one first, link_fd reads it.

#include <sys/socket.h>
#include <unistd.h>

struct link;
struct link *link_new(void);
void link_free(struct link *l);
int link_fd(struct link *l);
int link_attach(struct link *l, int fd);
int link_attach_at(struct link *l, int flags, int fd);
int link_swap(struct link *l, int fd);

struct peer {
  struct link *link;
};

// Run again (two callers): the caller's link may hold a socket.
static void peer_detach(struct peer *p) {
  link_attach(p->link, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'link_fd(p->link)' may still hold an open socket from a previous call; it is overwritten by the call to 'link_attach' without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (link_fd(p->link) >= 0) close(link_fd(p->link));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  link_attach(p->link, -1);{{$}}
}

static void peer_detach_closing(struct peer *p) { link_swap(p->link, -1); }

void peer_lost(struct peer *p) {
  peer_detach(p);
  peer_detach_closing(p);
}
void peer_timeout(struct peer *p) {
  peer_detach(p);
  peer_detach_closing(p);
}

void attach_twice(void) {
  struct link *l = link_new();
  link_attach_at(l, 0, socket(AF_INET, SOCK_STREAM, 0));
  link_attach_at(l, 0, socket(AF_INET, SOCK_STREAM, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'link_fd(l)' is overwritten by the call to 'link_attach_at' while it still holds an open socket; the previous socket leaks [resource-unclosed-reassignment]
  // An unchecked socket() may have failed; close(-1) is not declared
  // harmless here (no accepts-invalid): guarded.
  // CHECK-FIXES: {{^}}  if (link_fd(l) >= 0) close(link_fd(l));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  link_attach_at(l, 0, socket(AF_INET, SOCK_STREAM, 0));{{$}}
  link_free(l);
}

// Without the option the library is unknown code: the sockets given to it
// are gone, nothing is reported (the NONE run has no CHECK-MESSAGES-NONE).
void swap_twice(void) {
  struct link *l = link_new();
  link_swap(l, socket(AF_INET, SOCK_STREAM, 0));
  link_swap(l, socket(AF_INET, SOCK_STREAM, 0));
  link_free(l);
}
