// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.ReleaseMethods: "terminate", resource-unclosed-reassignment.ConnectionClasses: "net::Link=hangup;Tunnel"}}'

namespace net {
struct Link {
  void hangup();
  void close();
};
} // namespace net

struct Tunnel {};

struct Worker {
  void terminate();
};

struct Closable {
  void close();
};

void configured() {
  net::Link *link = new net::Link;
  link = new net::Link;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'link' is overwritten while it still holds an open 'Link' object
  // CHECK-FIXES: {{^}}  link->hangup();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  delete link;{{$}}
  link->hangup();

  Tunnel *t = new Tunnel;
  t = new Tunnel;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 't' is overwritten while it still holds an open 'Tunnel' object
  // CHECK-FIXES: {{^}}  delete t;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  t = new Tunnel;{{$}}
  delete t;

  Worker *w = new Worker;
  w = new Worker;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'w' is overwritten while it still holds an open 'Worker' object
  w->terminate();

  // close() is no longer a release method with this configuration.
  Closable *c = new Closable;
  c = new Closable;
  delete c;
}
