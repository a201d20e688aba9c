// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

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
