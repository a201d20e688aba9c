// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

// Registering the client in the event's data hands it to the event loop.
void epoll_accept_loop(int listener, int ep) {
  struct epoll_event ev;
  int client;
  while ((client = accept(listener, 0, 0)) >= 0) {
    ev.events = EPOLLIN;
    ev.data.fd = client;
    epoll_ctl(ep, EPOLL_CTL_ADD, client, &ev);
  }
}

// epoll_ctl() alone only uses the descriptor: without storing it anywhere
// the loop loses every client but the last.
void epoll_accept_loop_forgets(int listener, int ep, void *tag) {
  struct epoll_event ev;
  int client;
  while ((client = accept(listener, 0, 0)) >= 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'client' is overwritten while it may still hold an open socket
    ev.events = EPOLLIN;
    ev.data.ptr = tag;
    epoll_ctl(ep, EPOLL_CTL_ADD, client, &ev);
  }
}

// Keeping clients in an array is a hand-over too.
void select_style_table(int listener, int *clients, int max) {
  int n = 0;
  int client;
  while (n < max && (client = accept(listener, 0, 0)) >= 0)
    clients[n++] = client;
}
