// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <memory>
#include <string>

class WebSocket {
public:
  explicit WebSocket(const std::string &url);
  ~WebSocket();
  void send(const std::string &text);
  void close();
};

// The seed's case: a new socket over a live one.
void reconnect(const std::string &url1, const std::string &url2) {
  WebSocket *ws = new WebSocket(url1);
  ws->send("hello");
  ws = new WebSocket(url2);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'ws' is overwritten while it still holds an open 'WebSocket' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-4]]:19: note: 'ws' was opened here
  // CHECK-FIXES: {{^}}  ws->send("hello");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ws->close();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  delete ws;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ws = new WebSocket(url2);{{$}}
  ws->close();
  delete ws;
}

void closed_and_deleted(const std::string &url) {
  WebSocket *ws = new WebSocket(url);
  ws->close();
  delete ws;
  ws = new WebSocket(url);
  delete ws;
  ws = new WebSocket(url);
  ws->close();
  ws = nullptr;
}

void maybe_null(const std::string &url, bool first) {
  WebSocket *ws = first ? new WebSocket(url) : nullptr;
  ws = new WebSocket(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'ws' is overwritten while it may still hold an open 'WebSocket' object
  // CHECK-FIXES: {{^}}  if (ws) { ws->close(); delete ws; }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ws = new WebSocket(url);{{$}}
  delete ws;
}

// A destructor that closes: `delete` alone is the fix.
struct Session {
  Session();
  ~Session() { disconnect(); }
  void disconnect();
};

void sessions() {
  Session *s = new Session();
  s = new Session();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open 'Session' object
  // CHECK-FIXES: {{^}}  Session *s = new Session();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  delete s;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s = new Session();{{$}}
  delete s;
}

// A release method inherited from a base class counts.
struct Channel {
  void shutdown();
};
struct TlsChannel : Channel {};

void inherited() {
  TlsChannel *c = new TlsChannel;
  c = new TlsChannel;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c' is overwritten while it still holds an open 'TlsChannel' object
  c->shutdown();
}

// Plain objects without a release method are not handles.
struct Point {
  int x, y;
};

void plain_objects() {
  Point *p = new Point{1, 2};
  p = new Point{3, 4};
  std::string *s = new std::string("a");
  s = new std::string("b");
  delete p;
  delete s;
}

// Smart pointers release the old object on assignment.
void smart_pointers(const std::string &url) {
  std::unique_ptr<WebSocket> u = std::make_unique<WebSocket>(url);
  u = std::make_unique<WebSocket>(url);
  u.reset(new WebSocket(url));
  std::shared_ptr<WebSocket> s = std::make_shared<WebSocket>(url);
  s = std::make_shared<WebSocket>(url);
}

// Handing the pointer to someone else ends the tracking.
void keep(WebSocket *ws);

void handed_over(const std::string &url) {
  WebSocket *ws = new WebSocket(url);
  keep(ws);
  ws = new WebSocket(url);
  std::unique_ptr<WebSocket> owner(ws);
  ws = new WebSocket(url);
  keep(ws);
}
