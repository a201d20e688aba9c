// RUN: %check_resource_tidy -expect-clang-tidy-error %s resource-unclosed-reassignment %t \
// RUN:   -- -- -Werror=unused-value

// A warning made an error by -Werror leaves the code intact: the function
// is still analysed. After a fatal error (a missing header) the compiler
// reports nothing more, so code after it may be broken without a trace and
// is not analysed.

#include <sys/socket.h>
#include <unistd.h>

void warning_promoted_to_error(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: error: expression result unused [clang-diagnostic-unused-value]
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  close(fd);
}

// (Without a declaration here, the parser's look-ahead past the closing
// brace would reach the #include before the function is finished.)
static int declaration_between;

#include "no-such-header.h"
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: 'no-such-header.h' file not found [clang-diagnostic-error]

void after_the_fatal_error(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
