// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>
#include <utility>

class Connection {
public:
  // Helpers defined in this file are summarized: calling them closes fd_.
  void disconnect() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }
  void hangup() { ::close(fd_); }
  void maybeHangup(bool really) {
    if (really)
      ::close(fd_);
  }
  void viaHelper() { disconnect(); }
  void logState() const;
  void shutdown(); // Defined in another file.

  void reconnect() {
    disconnect();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void reconnectNested() {
    viaHelper();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void reconnectExplicitThis() {
    this->hangup();
    this->fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  void reconnectSometimes(bool really) {
    maybeHangup(really);
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed
  }
  // A method defined elsewhere says nothing about fd_.
  void reconnectAfterLogging() {
    logState();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call
  }
  // One defined elsewhere whose name is one of ReleaseMethods closes.
  void reconnectAfterShutdown() {
    shutdown();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
  }
  // Recursion is cut off, not followed forever.
  void retry(int n) {
    if (n > 0)
      retry(n - 1);
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call
  }

  // std::exchange hands the old descriptor to close().
  void swapIn() { ::close(std::exchange(fd_, socket(AF_INET, SOCK_STREAM, 0))); }

  // Move assignment: taking the other's descriptor over our own leaks ours.
  Connection &operator=(Connection &&Other) noexcept {
    fd_ = Other.fd_;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call
    Other.fd_ = -1;
    return *this;
  }
  ~Connection() { disconnect(); }

private:
  int fd_ = -1;
};

class Swapping {
public:
  Swapping &operator=(Swapping &&Other) noexcept {
    std::swap(fd_, Other.fd_);
    return *this;
  }
  Swapping &operator=(const Swapping &Other) {
    if (this != &Other) {
      if (fd_ >= 0)
        ::close(fd_);
      fd_ = ::dup(Other.fd_);
    }
    return *this;
  }
  ~Swapping() { ::close(fd_); }

private:
  int fd_ = -1;
};
