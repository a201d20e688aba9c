// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

void may_throw();

// Throwing leaves the function: the assignment is never reached that way.
void throws_before_reassign() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    throw std::runtime_error("socket");
  may_throw();
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

void handler_reopens() {
  int fd = -1;
  try {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    may_throw();
  } catch (...) {
    if (fd >= 0)
      close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  close(fd);
}

void rethrows(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    may_throw();
  } catch (const std::exception &) {
    close(fd);
    throw;
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

// A handler is analysed like any other code.
void reconnect_in_handler() {
  try {
    may_throw();
  } catch (...) {
    int backup = socket(AF_INET, SOCK_STREAM, 0);
    backup = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'backup' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'backup' was opened here
    // CHECK-FIXES: {{^}}    close(backup);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    backup = socket(AF_INET, SOCK_STREAM, 0);{{$}}
    close(backup);
  }
}

void log_error();
void safe_step() noexcept;

// An exception from may_throw() skips the close: the handler goes on with
// the descriptor open. No fix: the other path did close it.
void exception_skips_close() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    may_throw();
    close(fd);
  } catch (...) {
    log_error();
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: 'fd' was opened here
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: 'fd' is closed here on some paths, but not on all
  close(fd);
}

// The handler closes, the normal path does not: a leak when nothing
// throws. No fix either: a close before the assignment would close the
// handler's descriptor twice.
void only_handler_closes() {
  int fd = -1;
  try {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    may_throw();
  } catch (...) {
    close(fd);
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-7]]:10: note: 'fd' was opened here
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'fd' is closed here on some paths, but not on all
  close(fd);
}

// Calls that cannot throw (noexcept, the C library) never reach the
// handler.
void nothing_throws_before_close() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    safe_step();
    write(fd, "x", 1);
    close(fd);
  } catch (...) {
    log_error();
  }
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
