// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// std::atomic<int>, std::atomic<T *> and std::optional<int> hold a
// descriptor or a handle like the plain type: `=`, store() and emplace()
// write it, load(), the atomic's conversion, *o and value() read it,
// exchange() hands the old value to its caller.

#include <atomic>
#include <optional>
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

// std::optional<int>: a descriptor that may not be there. reset() and
// `= std::nullopt` drop it too. No fix-it: the release would need `*fd`
// behind a test.
void optional_reassigned() {
  std::optional<int> fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'fd' was opened here
  close(*fd);
}

void optional_reset() {
  std::optional<int> fd = socket(AF_INET, SOCK_STREAM, 0);
  fd.reset();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'fd' was opened here
}

void optional_emptied() {
  std::optional<int> fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = std::nullopt;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'fd' was opened here
}

// Closed through *fd or value(), tested for a value first, or empty: silent.
void optional_reconnect_loop(int attempts) {
  std::optional<int> fd;
  for (int i = 0; i < attempts; ++i) {
    if (fd)
      close(*fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  if (fd.has_value())
    close(*fd);
}

void optional_closed_through_value() {
  std::optional<int> fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd.value());
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(*fd);
}
