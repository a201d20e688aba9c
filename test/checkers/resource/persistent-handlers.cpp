// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes

// The founding scenario: a connection kept in a global and overwritten in a
// UI handler that the framework calls; nothing in this file calls it.

#include <mutex>
#include <sys/socket.h>
#include <unistd.h>

class WebSocket {
public:
  explicit WebSocket(const char *url);
  ~WebSocket();
  void send(const char *text);
  void close();
};

WebSocket *activeConnection = nullptr;

void onConnectButtonClick(const char *url) {
  activeConnection = new WebSocket(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'activeConnection' may still hold an open 'WebSocket' object from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (activeConnection) { activeConnection->close(); delete activeConnection; }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  activeConnection = new WebSocket(url);{{$}}
  activeConnection->send("hello");
}

void onCloseButtonClick() {
  if (activeConnection)
    activeConnection->close();
}

// The fixed twins: close first, or keep the live connection.
WebSocket *closedFirst = nullptr;
void onReconnectClicked(const char *url) {
  if (closedFirst) {
    closedFirst->close();
    delete closedFirst;
  }
  closedFirst = new WebSocket(url);
}

WebSocket *keptLive = nullptr;
void onOpenClicked(const char *url) {
  if (keptLive)
    return;
  keptLive = new WebSocket(url);
}
void onShutdown() {
  keptLive->close();
  delete keptLive;
}

// A static member set in a static handler.
class Dashboard {
public:
  static void handleRefresh(const char *url) {
    Feed = new WebSocket(url);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Feed' may still hold an open 'WebSocket' object from a previous call
  }
  static void stop() { Feed->close(); }

private:
  static WebSocket *Feed;
};
WebSocket *Dashboard::Feed = nullptr;

// One-time initialisation is not a handler: std::call_once, and a private
// initialiser only the constructors call.
static int g_control = -1;
static std::once_flag control_once;
static void open_control() { g_control = socket(AF_INET, SOCK_STREAM, 0); }
int control_socket() {
  std::call_once(control_once, open_control);
  return g_control;
}
void close_control() { close(g_control); }

class Listener {
public:
  Listener() { init(); }
  explicit Listener(int port) : port_(port) { init(); }
  ~Listener() { close(fd_); }

  // A public method that reopens runs again: reported.
  void restart() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call
  }

private:
  void init() { fd_ = socket(AF_INET, SOCK_STREAM, 0); }
  int fd_ = -1;
  int port_ = 0;
};
