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
struct event;
struct timeval;
typedef void (*event_callback_fn)(evutil_socket_t, short, void *);
typedef void (*bufferevent_data_cb)(struct bufferevent *bev, void *ctx);
typedef void (*bufferevent_event_cb)(struct bufferevent *bev, short what, void *ctx);
#define EV_READ 0x02
#define EV_WRITE 0x04
#define EV_PERSIST 0x10
typedef void (*evconnlistener_cb)(struct evconnlistener *, evutil_socket_t, struct sockaddr *, int socklen, void *);
#define BEV_OPT_CLOSE_ON_FREE (1 << 0)
#define LEV_OPT_REUSEABLE (1u << 3)
struct event_base *event_base_new(void);
void event_base_free(struct event_base *);
int event_base_dispatch(struct event_base *);
struct bufferevent *bufferevent_socket_new(struct event_base *base, evutil_socket_t fd, int options);
void bufferevent_free(struct bufferevent *bufev);
int bufferevent_enable(struct bufferevent *bufev, short event);
int bufferevent_disable(struct bufferevent *bufev, short event);
int bufferevent_setfd(struct bufferevent *bufev, evutil_socket_t fd);
int bufferevent_replacefd(struct bufferevent *bufev, evutil_socket_t fd);
evutil_socket_t bufferevent_getfd(struct bufferevent *bufev);
int bufferevent_socket_connect(struct bufferevent *bufev, const struct sockaddr *addr, int socklen);
int evutil_closesocket(evutil_socket_t sock);
struct evconnlistener *evconnlistener_new_bind(struct event_base *base, evconnlistener_cb cb, void *ptr, unsigned flags, int backlog, const struct sockaddr *sa, int socklen);
void evconnlistener_free(struct evconnlistener *lev);
void bufferevent_setcb(struct bufferevent *bufev, bufferevent_data_cb readcb, bufferevent_data_cb writecb, bufferevent_event_cb eventcb, void *cbarg);
int bufferevent_write(struct bufferevent *bufev, const void *data, unsigned long size);
struct event *event_new(struct event_base *base, evutil_socket_t fd, short events, event_callback_fn callback, void *callback_arg);
void event_free(struct event *ev);
int event_add(struct event *ev, const struct timeval *timeout);
int event_del(struct event *ev);
#ifdef __cplusplus
}
#endif
