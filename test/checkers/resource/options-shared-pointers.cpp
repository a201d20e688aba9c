// RUN: %check_resource_tidy -check-suffixes=OFF %s resource-unclosed-reassignment %t
// RUN: %check_resource_tidy -check-suffixes=ON %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.SharedPointerConnections: true}}'
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.SharedPointerConnections: maybe}}' -- -std=c++17 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=BAD
// BAD: warning: invalid configuration value 'maybe' for option 'resource-unclosed-reassignment.SharedPointerConnections'; expected a bool [clang-tidy-config]

#include <memory>

// A connection that callbacks keep alive through shared_from_this(): the
// last shared_ptr going away does not mean the socket is closed.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void start();
  void close();
};

void reconnect() {
  std::shared_ptr<Connection> conn = std::make_shared<Connection>();
  conn->start();
  conn = std::make_shared<Connection>();
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open 'Connection' object; the previous object leaks [resource-unclosed-reassignment]
  // CHECK-FIXES-ON: {{^}}  conn->close();{{$}}
  // CHECK-FIXES-ON-NEXT: {{^}}  conn = std::make_shared<Connection>();{{$}}
  conn->close();
}

void closed_first() {
  std::shared_ptr<Connection> conn = std::make_shared<Connection>();
  conn->close();
  conn = std::make_shared<Connection>();
  conn->close();
  conn.reset();
}

void reset_drops_it() {
  std::shared_ptr<Connection> conn(new Connection);
  conn->start();
  conn.reset(new Connection);
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open 'Connection' object
  conn->close();
  conn.reset();
}

void shared_with_another_owner(std::shared_ptr<Connection> &registry) {
  std::shared_ptr<Connection> conn = std::make_shared<Connection>();
  registry = conn;
  conn = std::make_shared<Connection>();
  conn->close();
}

void empty_start() {
  std::shared_ptr<Connection> conn;
  conn = std::make_shared<Connection>();
  if (conn)
    conn->start();
  conn = nullptr;
  // CHECK-MESSAGES-ON: :[[@LINE-1]]:8: warning: 'conn' is overwritten while it still holds an open 'Connection' object
}

// unique_ptr is never reported: its destructor releases the object.
void unique_pointers() {
  std::unique_ptr<Connection> conn = std::make_unique<Connection>();
  conn = std::make_unique<Connection>();
}
