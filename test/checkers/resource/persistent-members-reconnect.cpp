// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --fix-notes

// Members that own a socket or an epoll descriptor, opened again by a method
// that runs again. Each shape has a fixed twin that must stay silent.

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

// An initialiser reached twice when a derived object is built: the base
// constructor and the derived constructor both call it.
class Reactor {
public:
  Reactor() { setUp(); }
  virtual ~Reactor() { close(epfd_); }
  void setUp() {
    epfd_ = epoll_create1(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'epfd_' may still hold an open epoll descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  }

protected:
  int epfd_ = -1;
};

class TimerReactor : public Reactor {
public:
  TimerReactor() { setUp(); }
};

// Fixed: only the base constructor calls it.
class Poller {
public:
  Poller() { prepare(); }
  virtual ~Poller() { close(epfd_); }
  void prepare() { epfd_ = epoll_create1(0); }

protected:
  int epfd_ = -1;
};

class TimerPoller : public Poller {
public:
  TimerPoller() {}
};

// connect() opens a new socket over the one the object holds.
class TcpLink {
public:
  bool connect(const sockaddr *addr, socklen_t len) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    // CHECK-FIXES: {{^}}    if (fd_ >= 0) close(fd_);{{$}}
    return fd_ >= 0 && ::connect(fd_, addr, len) == 0;
  }
  void stop() {
    if (fd_ >= 0) {
      close(fd_);
      fd_ = -1;
    }
  }

private:
  int fd_ = -1;
};

// Fixed: connect() stops first.
class UdpLink {
public:
  bool connect(const sockaddr *addr, socklen_t len) {
    stop();
    fd_ = socket(AF_INET, SOCK_DGRAM, 0);
    return fd_ >= 0 && ::connect(fd_, addr, len) == 0;
  }
  void stop() {
    if (fd_ >= 0) {
      close(fd_);
      fd_ = -1;
    }
  }

private:
  int fd_ = -1;
};

// An error path forgets the socket it just opened.
class WifiClient {
public:
  bool open(const sockaddr *addr, socklen_t len) {
    stop();
    sock_ = socket(AF_INET, SOCK_STREAM, 0);
    if (sock_ < 0)
      return false;
    if (::connect(sock_, addr, len) < 0) {
      sock_ = -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'sock_' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
      // CHECK-FIXES: {{^}}      close(sock_);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      sock_ = -1;{{$}}
      return false;
    }
    return true;
  }
  void stop() {
    if (sock_ >= 0)
      close(sock_);
    sock_ = -1;
  }

private:
  int sock_ = -1;
};

// Fixed: the error path closes it.
class EthClient {
public:
  bool open(const sockaddr *addr, socklen_t len) {
    stop();
    sock_ = socket(AF_INET, SOCK_STREAM, 0);
    if (sock_ < 0)
      return false;
    if (::connect(sock_, addr, len) < 0) {
      close(sock_);
      sock_ = -1;
      return false;
    }
    return true;
  }
  void stop() {
    if (sock_ >= 0)
      close(sock_);
    sock_ = -1;
  }

private:
  int sock_ = -1;
};
