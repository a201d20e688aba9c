// RUN: %check_resource_tidy %s resource-leaked-handle %t -- -- -isystem %S/Inputs/libs -D_GNU_SOURCE

// What libraries do with the handles they are given: a callback argument,
// an event loop that owns what was registered with it, a multi handle that
// drives its easy handles. (Reduced from shapes found in libevent's samples
// and curl's examples.)

#include <curl/curl.h>
#include <event2/event.h>
#include <sys/socket.h>
#include <unistd.h>

static void on_read(struct bufferevent *bev, void *ctx) {}
static void on_event(struct bufferevent *bev, short what, void *ctx) {
  bufferevent_free(bev);
  bufferevent_free(ctx);
}
static void on_timer(evutil_socket_t fd, short what, void *arg) {}

// Its callbacks free the buffer event: the loop owns it now.
void serve_client(struct event_base *base, evutil_socket_t fd) {
  struct bufferevent *bev = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setcb(bev, on_read, NULL, on_event, NULL);
  bufferevent_enable(bev, EV_READ);
}

// A handle passed as a callback's `void *` argument is kept for later.
void proxy(struct event_base *base, struct bufferevent *out, evutil_socket_t fd) {
  struct bufferevent *in = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_setcb(out, on_read, NULL, on_event, in);
}

// An event keeps the descriptor it watches; an event made with a callback
// may be freed by it.
void watch(struct event_base *base) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct event *ev = event_new(base, fd, EV_READ | EV_PERSIST, on_timer, NULL);
  event_add(ev, NULL);
}

// The multi handle drives the easy handle and gives it back.
void add_transfer(CURLM *multi) {
  CURL *easy = curl_easy_init();
  curl_multi_add_handle(multi, easy);
}

// Without any of that, a buffer event created and forgotten leaks.
void forgotten(struct event_base *base, evutil_socket_t fd) {
  struct bufferevent *bev = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
  bufferevent_write(bev, "x", 1);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'bev' goes out of scope while it still holds an open buffer event; the buffer event leaks [resource-leaked-handle]
// CHECK-FIXES: {{^}}  bufferevent_write(bev, "x", 1);{{$}}
// CHECK-FIXES-NEXT: {{^}}  if (bev) bufferevent_free(bev);{{$}}
