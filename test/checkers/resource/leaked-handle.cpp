// RUN: %check_resource_tidy %s resource-leaked-handle %t -- -- -D_GNU_SOURCE

#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

class Connection {
public:
  explicit Connection(const char *url);
  ~Connection();
  void close();
  void send(const char *text) const;
  void start();
};

// A connection object made with new and never closed or deleted.
void ping(const char *url) {
  Connection *c = new Connection(url);
  c->send("ping");
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'c' goes out of scope while it still holds an open 'Connection' object; the object leaks [resource-leaked-handle]
// CHECK-FIXES: {{^}}  c->send("ping");{{$}}
// CHECK-FIXES-NEXT: {{^}}  c->close();{{$}}
// CHECK-FIXES-NEXT: {{^}}  delete c;{{$}}

// An object that starts itself may register itself with an event loop
// that deletes it later: not reported.
void launch(const char *url) {
  Connection *c = new Connection(url);
  c->start();
}

// Owned by a smart pointer: its destructor releases it.
void owned(const char *url) {
  auto c = std::make_unique<Connection>(url);
  c->send("ping");
}

// Captured by reference: the closure may close it at any call.
void captured() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  auto closer = [&] { ::close(fd); };
  closer();
}

// Another name for it (`FILE *&`) may close it.
void aliased(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  std::FILE *&same = f;
  std::fclose(same);
}

// A file opened in a block, lost at its end.
int count(const char *path) {
  int lines = 0;
  {
    std::FILE *f = std::fopen(path, "r");
    if (!f)
      return -1;
    for (int c; (c = std::fgetc(f)) != EOF;)
      lines += c == '\n';
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
  // CHECK-FIXES: {{^}}    fclose(f);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return lines;
}
