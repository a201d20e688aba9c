// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>
#include <vector>

struct Socket {
  explicit Socket(int fd);
  ~Socket();
};

void take(int &fd);
void take_ptr(std::FILE *fp);

void pushed_into_container(std::vector<int> &fds) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fds.push_back(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fds.push_back(fd);
}

void wrapped_in_object() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  Socket s(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  auto owned = std::make_unique<Socket>(fd);
}

void passed_by_reference() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  take(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  take(fd);
}

void captured_by_reference() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  auto closer = [&] { ::close(fd); };
  closer();
  fd = socket(AF_INET, SOCK_STREAM, 0);
  closer();
}

void captured_by_copy() {
  std::FILE *fp = std::fopen("a", "r");
  auto later = [fp] { std::fclose(fp); };
  fp = std::fopen("b", "r");
  later();
  take_ptr(fp);
}

void moved_from() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int other = std::move(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  ::close(fd);
  ::close(other);
}

void new_expression() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  Socket *s = new Socket(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  delete s;
  ::close(fd);
}

// Printing through an iostream-like operator is not modelled: it escapes.
// A plain comparison in C++ is still a use.
void compared_only() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  bool ok = fd != -1;
  (void)ok;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  ::close(fd);
}
