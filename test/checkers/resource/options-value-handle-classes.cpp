// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.ValueHandleClasses: "db::Connection;Pipe", resource-unclosed-reassignment.ConnectionClasses: "Pipe=drain"}}'

#include <string>

namespace db {
// Copying shares the underlying socket; assigning does not close it.
class Connection {
public:
  Connection();
  explicit Connection(const std::string &url);
  static Connection open(const std::string &url);
  void query(const std::string &sql);
  void close();
};
} // namespace db

struct Pipe {
  explicit Pipe(int fd);
  void drain();
};

void values(const std::string &url) {
  db::Connection conn = db::Connection::open(url);
  conn.query("SELECT 1");
  conn = db::Connection::open(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open 'Connection' connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  conn.close();{{$}}
  // CHECK-FIXES-NEXT: {{^}}  conn = db::Connection::open(url);{{$}}
  conn.close();
  conn = db::Connection(url);
  conn.close();
}

void default_constructed_is_not_open(const std::string &url) {
  db::Connection conn;
  conn = db::Connection(url);
  conn.close();
}

void configured_release(int fd) {
  Pipe p(fd);
  p = Pipe(fd + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is overwritten while it still holds an open 'Pipe' connection
  // CHECK-FIXES: {{^}}  p.drain();{{$}}
  p.drain();
}

void copied_elsewhere(const std::string &url, db::Connection &keep) {
  db::Connection conn(url);
  keep = conn;
  conn = db::Connection(url);
  conn.close();
}
