// Minimal declarations mirroring libevent's <event2/event.h>,
// <event2/bufferevent.h> and <event2/listener.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef int evutil_socket_t;
struct event_base;
struct bufferevent;
struct evconnlistener;
struct sockaddr;
typedef void (*evconnlistener_cb)(struct evconnlistener *, evutil_socket_t, struct sockaddr *, int socklen, void *);
#define BEV_OPT_CLOSE_ON_FREE (1 << 0)
#define LEV_OPT_REUSEABLE (1u << 3)
struct event_base *event_base_new(void);
void event_base_free(struct event_base *);
int event_base_dispatch(struct event_base *);
struct bufferevent *bufferevent_socket_new(struct event_base *base, evutil_socket_t fd, int options);
void bufferevent_free(struct bufferevent *bufev);
int bufferevent_enable(struct bufferevent *bufev, short event);
struct evconnlistener *evconnlistener_new_bind(struct event_base *base, evconnlistener_cb cb, void *ptr, unsigned flags, int backlog, const struct sockaddr *sa, int socklen);
void evconnlistener_free(struct evconnlistener *lev);
#ifdef __cplusplus
}
#endif
