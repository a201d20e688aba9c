// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

// Templates are analysed through their instantiations; one report per
// source location however many instantiations share it.
template <typename T> void reconnect(T domain) {
  int fd = socket(domain, SOCK_STREAM, 0);
  fd = socket(domain, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}

template <typename T> void fine(T domain) {
  int fd = socket(domain, SOCK_STREAM, 0);
  close(fd);
  fd = socket(domain, SOCK_STREAM, 0);
  close(fd);
}

// Never instantiated: not analysed.
template <typename T> void never_used(T domain) {
  int fd = socket(domain, SOCK_STREAM, 0);
  fd = socket(domain, SOCK_STREAM, 0);
  close(fd);
}

template <typename Handle> struct Holder {
  void cycle() {
    Handle h = socket(AF_INET, SOCK_STREAM, 0);
    h = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'h' is overwritten while it still holds an open socket; the previous descriptor leaks
    close(h);
  }
};

void instantiate() {
  reconnect(AF_INET);
  reconnect<short>(AF_INET6);
  fine(AF_INET);
  Holder<int>().cycle();
  Holder<long>().cycle();
}

// The TU-wide scan of stores (run because Socket stores a fresh handle in a
// field) meets a class template's member initializers: `node_(NULL)` for a
// member of dependent type has no type at all until instantiated (this
// crashed on libzmq's generic_mtrie_t). Templates are seen through their
// instantiations.
template <typename T> struct Trie {
  T *node_;
  unsigned count_;
  Trie() : node_(NULL), count_(0) {}
};
struct Socket {
  int fd_ = -1;
  void reopen() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed
  }
  ~Socket() { close(fd_); }
};
