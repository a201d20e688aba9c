// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

// The notes of libevent's socket functions: evutil_closesocket closes a
// descriptor (the release of the socket a bufferevent holds), and a socket
// put into a bufferevent is named by the getter.

#include <event2/event.h>
#include <sys/socket.h>
#include <unistd.h>

void closes_on_some_paths(int cond) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (cond)
    evutil_closesocket(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 'fd' was opened here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'fd' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-6]]:7: note: 'fd' stays open when this condition is false
  close(fd);
}

void closes_first(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  evutil_closesocket(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void held_then_detached(struct event_base *base) {
  struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    bufferevent_free(bev);
    return;
  }
  bufferevent_setfd(bev, fd);
  // Using the buffer event leaves its socket where it is.
  bufferevent_enable(bev, EV_READ);
  bufferevent_setfd(bev, -1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'bufferevent_getfd(bev)' is overwritten by the call to 'bufferevent_setfd' while it still holds an open socket; the previous socket leaks [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-10]]:12: note: 'bufferevent_getfd(bev)' was opened here, as 'fd'
  // CHECK-FIXES: {{^}}  evutil_closesocket(bufferevent_getfd(bev));{{$}}
  // CHECK-FIXES-NEXT: {{^}}  bufferevent_setfd(bev, -1);{{$}}
  bufferevent_free(bev);
}
