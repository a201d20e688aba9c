// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c++20

#include <coroutine>
#include <sys/socket.h>
#include <unistd.h>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_value(int) {}
    void unhandled_exception() {}
  };
};

Task serve() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  co_await std::suspend_never{};
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  co_return fd;
}

Task hand_back() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  co_return fd;
}
