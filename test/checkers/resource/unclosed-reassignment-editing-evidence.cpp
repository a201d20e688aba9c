// RUN: %check_resource_tidy -check-suffixes=TYPING -expect-clang-tidy-error %s resource-unclosed-reassignment %t -- -- -DTYPING
// RUN: %check_resource_tidy -check-suffixes=COMPLETE %s resource-unclosed-reassignment %t

// Code with compile errors gives no evidence to the rest of the file: a
// helper being edited may release anything, and a half-typed call must not
// count as a call (or as taking a function's address).

#include <sys/socket.h>
#include <unistd.h>

class Client {
public:
  void disconnect() {
#ifdef TYPING
    close(fd_;
    // CHECK-MESSAGES-TYPING: :[[@LINE-1]]:14: error: expected ')' [clang-diagnostic-error]
#else
    shutdown(fd_, SHUT_RDWR);
#endif
  }
  void reconnect() {
    disconnect();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES-COMPLETE: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  }
  ~Client() { close(fd_); }

private:
  int fd_ = -1;
};

struct conn {
  int sock;
};
static int conn_setup(struct conn *c) {
  c->sock = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-COMPLETE: :[[@LINE-1]]:11: warning: 'c->sock' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  return c->sock;
}
void setup_twice(struct conn *c) {
#ifdef TYPING
  // Typo correction turns `conn_setu` into a reference to conn_setup: not a
  // call, and not its address taken.
  conn_setu
  // CHECK-MESSAGES-TYPING: :[[@LINE-1]]:3: error: use of undeclared identifier 'conn_setu'; did you mean 'conn_setup'? [clang-diagnostic-error]
  // CHECK-MESSAGES-TYPING: :[[@LINE-2]]:12: error: expected ';' after expression [clang-diagnostic-error]
#else
  conn_setup(c);
  conn_setup(c);
#endif
}
