// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <event2/event.h>
#include <stddef.h>

void bases(void) {
  struct event_base *base = event_base_new();
  event_base_dispatch(base);
  base = event_base_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'base' is overwritten while it still holds an open event base; the previous event base leaks [resource-unclosed-reassignment]
  // event_base_free(NULL) is not safe: guarded.
  // CHECK-FIXES: {{^}}  if (base) event_base_free(base);{{$}}
  event_base_free(base);
}

// The buffer event takes the descriptor over (BEV_OPT_CLOSE_ON_FREE).
void buffer_events(struct event_base *base, int fd) {
  struct bufferevent *bev = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_enable(bev, 0x02);
  bufferevent_free(bev);
  bev = bufferevent_socket_new(base, fd, 0);
  bev = bufferevent_socket_new(base, -1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bev' is overwritten while it still holds an open buffer event; the previous buffer event leaks
  bufferevent_free(bev);
}

void listeners(struct event_base *base, const struct sockaddr *sa, int len) {
  struct evconnlistener *l = evconnlistener_new_bind(base, NULL, NULL, LEV_OPT_REUSEABLE, -1, sa, len);
  l = evconnlistener_new_bind(base, NULL, NULL, LEV_OPT_REUSEABLE, -1, sa, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'l' is overwritten while it still holds an open connection listener; the previous listener leaks
  evconnlistener_free(l);
}
