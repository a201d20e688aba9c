// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -std=c++17

// A method that opens a field runs once per object when every call the
// translation unit shows is on an object its caller has just made, once
// (`auto c = std::make_unique<Client>(); c->connect();`): not reported.
// Called twice on one object, on an object from elsewhere, or on a shared
// one, it may find its earlier socket still there.

#include <memory>
#include <sys/socket.h>
#include <unistd.h>

class Client {
public:
  bool connect() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    return fd_ >= 0;
  }
  ~Client() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

std::unique_ptr<Client> make_client();

int fetch_all(int n) {
  Client direct;
  direct.connect();
  auto owned = std::make_unique<Client>();
  owned->connect();
  auto made = make_client();
  made->connect();
  Client *raw = new Client;
  raw->connect();
  delete raw;
  for (int i = 0; i < n; ++i) {
    Client each;
    each.connect();
  }
  return 0;
}

class Session {
public:
  bool open() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  ~Session() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

// Twice on the same object: the second call finds the first socket.
void session_twice() {
  Session s;
  s.open();
  s.open();
}

class Channel {
public:
  bool open() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  ~Channel() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

// Also called on an object the caller was given, and on a shared one.
void channel_open(Channel &given, std::shared_ptr<Channel> shared) {
  Channel local;
  local.open();
  given.open();
  shared->open();
}

class Listener {
public:
  bool listen() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  ~Listener() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

// In a loop, on one object made before the loop.
void listen_retry(int n) {
  Listener l;
  for (int i = 0; i < n; ++i)
    if (l.listen())
      break;
}
