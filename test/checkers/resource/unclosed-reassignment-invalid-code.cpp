// RUN: %check_resource_tidy -expect-clang-tidy-error %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

// Functions with errors are skipped; the rest of the file is still checked.
void broken_call() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, undeclared_name);
  // CHECK-MESSAGES: :[[@LINE-1]]:37: error: use of undeclared identifier 'undeclared_name' [clang-diagnostic-error]
  close(fd);
}

void broken_type() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  UnknownType t = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: unknown type name 'UnknownType' [clang-diagnostic-error]
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void recovery_in_argument() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd, 1, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: error: no matching function for call to 'close' [clang-diagnostic-error]
  fd = socket(AF_INET, SOCK_STREAM, 0);
}

template <typename T> void dependent(T t) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = t.make_socket();
  close(fd);
}

void still_checked() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  close(fd);
}
