// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A method that is the only code storing a handle in a field, and closes it
// before every return, finds it closed on its next call. A second writer,
// or a path that returns with the handle stored, keeps the report.

#include <sys/socket.h>
#include <unistd.h>

class Prober {
public:
  void probe() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0)
      return;
    send(fd_, "ping", 4, 0);
    ::close(fd_);
    fd_ = -1;
  }

private:
  int fd_ = -1;
};

class LeakyProber {
public:
  bool probe() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    if (send(fd_, "ping", 4, 0) < 0)
      return false;
    ::close(fd_);
    return true;
  }

private:
  int fd_ = -1;
};

class SharedProber {
public:
  void probe() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    ::close(fd_);
  }
  void adopt(int fd) { fd_ = fd; }

private:
  int fd_ = -1;
};
