// RUN: %check_resource_tidy -check-suffixes=ALL %s resource-unclosed-reassignment %t
// RUN: %check_resource_tidy -check-suffixes=FIELDS %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.PersistentStorage: fields}}'
// RUN: %check_resource_tidy -check-suffixes=NONE %s resource-unclosed-reassignment %t -- \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.PersistentStorage: none}}'
// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.PersistentStorage: globals}}' -- -std=c++17 2>&1 \
// RUN:   | %FileCheck %s --check-prefix=BAD
// BAD: warning: invalid configuration value 'globals' for option 'resource-unclosed-reassignment.PersistentStorage'; expected 'all', 'fields' or 'none' [clang-tidy-config]

#include <sys/socket.h>
#include <unistd.h>

int listener = -1;

void on_accept_ready();

struct Server {
  void restart() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES-ALL: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call
    // CHECK-MESSAGES-FIELDS: :[[@LINE-2]]:9: warning: 'fd_' may still hold an open socket from a previous call
  }
  ~Server() { close(fd_); }
  int fd_ = -1;
};

// Registered as a callback: runs repeatedly.
void on_accept_ready() {
  listener = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:12: warning: 'listener' may still hold an open socket from a previous call
}

void (*ready_callback)() = on_accept_ready;

// What a reference parameter refers to belongs to the caller: storage that
// outlives the call, so `fields` and `none` leave it alone.
void open_twice(int &fd) {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
}

// Locals are tracked whatever the option says.
void local() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES-ALL: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-MESSAGES-FIELDS: :[[@LINE-2]]:6: warning: 'fd' is overwritten while it still holds an open socket
  // CHECK-MESSAGES-NONE: :[[@LINE-3]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}
