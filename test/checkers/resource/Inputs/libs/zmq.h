// Minimal declarations mirroring <zmq.h>.
#pragma once
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
#define ZMQ_REQ 3
#define ZMQ_REP 4
void *zmq_ctx_new(void);
int zmq_ctx_term(void *context);
int zmq_ctx_destroy(void *context);
void *zmq_socket(void *, int type);
int zmq_close(void *s);
int zmq_connect(void *s, const char *addr);
int zmq_bind(void *s, const char *addr);
int zmq_send(void *s, const void *buf, size_t len, int flags);
#ifdef __cplusplus
}
#endif
