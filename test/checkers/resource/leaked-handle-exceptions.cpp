// RUN: %check_resource_tidy %s resource-leaked-handle %t

// Calls that may throw inside a `try` lead to its handlers: a handler that
// leaves the function loses what the try block had open.

#include <sys/socket.h>
#include <unistd.h>

void may_throw();
void log_error();

void handler_returns_with_descriptor_open() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    may_throw();
  } catch (...) {
    log_error();
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]
    // CHECK-MESSAGES: :[[@LINE-7]]:12: note: 'fd' was opened here
    // CHECK-FIXES: {{^}}    close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  }
  close(fd);
}

// The handler closes before leaving, or rethrows after closing.
void handler_closes() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  try {
    may_throw();
  } catch (...) {
    close(fd);
    throw;
  }
  close(fd);
}

// Without a try block an exception leaves the function; that path is not
// followed (every C++ call could throw).
void no_try_block() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  may_throw();
  close(fd);
}
