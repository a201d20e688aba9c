// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <zmq.h>

void sockets(void *ctx) {
  void *sock = zmq_socket(ctx, ZMQ_REQ);
  zmq_connect(sock, "tcp://localhost:5555");
  zmq_send(sock, "hi", 2, 0);
  sock = zmq_socket(ctx, ZMQ_REQ);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'sock' is overwritten while it still holds an open ZeroMQ socket; the previous socket leaks [resource-unclosed-reassignment]
  // zmq_close(NULL) fails: the unchecked socket gets a guard.
  // CHECK-FIXES: {{^}}  if (sock) zmq_close(sock);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  sock = zmq_socket(ctx, ZMQ_REQ);{{$}}
  zmq_close(sock);
  sock = zmq_socket(ctx, ZMQ_REP);
  zmq_close(sock);
}

void contexts(void) {
  void *ctx = zmq_ctx_new();
  void *sock = zmq_socket(ctx, ZMQ_REP);
  zmq_bind(sock, "tcp://*:5555");
  zmq_close(sock);
  zmq_ctx_term(ctx);
  ctx = zmq_ctx_new();
  ctx = zmq_ctx_new();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ctx' is overwritten while it still holds an open ZeroMQ context; the previous context leaks
  zmq_ctx_destroy(ctx);
}
