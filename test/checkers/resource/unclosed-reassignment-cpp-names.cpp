// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

void global_qualified() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  fd = ::socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  int fd = ::socket(AF_INET, SOCK_STREAM, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fd);{{$}}
  ::close(fd);
}

void std_qualified() {
  std::FILE *fp = std::fopen("a", "r");
  fp = std::fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  std::FILE *fp = std::fopen("a", "r");{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (fp) fclose(fp);{{$}}
  if (fp == nullptr)
    return;
  std::fclose(fp);
}

// A member named like the release function would hide ::close.
class Connection {
public:
  void close();
  void reconnect() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
    // CHECK-FIXES: {{^}}    ::close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
    fd_ = fd;
  }

private:
  int fd_ = -1;
};

// Not the library function: a namespace-scope socket() of our own.
namespace mine {
int socket(int, int, int);
void unrelated() {
  int fd = socket(1, 2, 3);
  fd = socket(1, 2, 3);
  (void)fd;
}
} // namespace mine

struct Pool {
  void add(int fd);
  int socket(int, int, int);
  void member_named_socket() {
    int fd = socket(1, 2, 3);
    fd = socket(1, 2, 3);
    add(fd);
  }
};
