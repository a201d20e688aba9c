// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// std::atomic<int> and std::atomic<T *> hold a descriptor or a handle like
// the plain type: `=` and store() write it, load() and the conversion read
// it, exchange() hands the old value to its caller.

#include <atomic>
#include <sys/socket.h>
#include <unistd.h>

void atomic_local() {
  std::atomic<int> fd{socket(AF_INET, SOCK_STREAM, 0)};
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'fd' was opened here
  // CHECK-FIXES: {{^}}  std::atomic<int> fd{socket(AF_INET, SOCK_STREAM, 0)};{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  close(fd);
}

void atomic_store() {
  std::atomic<int> fd(socket(AF_INET, SOCK_STREAM, 0));
  fd.store(socket(AF_INET, SOCK_STREAM, 0));
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'fd' was opened here
  close(fd.load());
}

// Closed through load(), or the old value taken by exchange(): silent.
void closed_through_load() {
  std::atomic<int> fd{socket(AF_INET, SOCK_STREAM, 0)};
  close(fd.load());
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void swapped_out() {
  std::atomic<int> fd{socket(AF_INET, SOCK_STREAM, 0)};
  close(fd.exchange(socket(AF_INET, SOCK_STREAM, 0)));
  close(fd);
}

// A member shared with other threads, set again by a reconnect handler.
class Link {
public:
  void onReconnect() {
    sock_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'sock_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  }
  void onReconnectClosingFirst() {
    int old = sock_.exchange(-1);
    if (old >= 0)
      close(old);
    sock_ = socket(AF_INET, SOCK_STREAM, 0);
  }

private:
  std::atomic<int> sock_{-1};
};

// Counters and flags never hold a handle: not tracked.
std::atomic<int> g_connections{0};
void onAccept() { g_connections = g_connections + 1; }
