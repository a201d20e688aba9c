// RUN: %check_resource_tidy -expect-clang-tidy-error %s resource-unclosed-reassignment %t
// RUN: %not %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config='{CheckOptions: {resource-unclosed-reassignment.ReportSkippedFunctions: true}}' \
// RUN:   -- 2>&1 | %FileCheck %s --check-prefix=SKIPPED

// Code in the middle of an edit, as an editor (clangd) sees it on every
// keystroke. The parser drops or repairs the statement being typed, often
// without a trace in the AST: a function with a compiler error in it is not
// analysed, so a half-typed `close(fd` never reads as a leak. Functions
// without errors in the same file still are.

#include <sys/socket.h>
#include <unistd.h>

void open_paren_then_semicolon(void) {
  // SKIPPED: :[[@LINE-1]]:6: warning: function 'open_paren_then_semicolon' was not analysed: its body contains errors
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: error: expected ')' [clang-diagnostic-error]
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void wrong_argument_kept_in_the_ast(void) {
  // SKIPPED: :[[@LINE-1]]:6: warning: function 'wrong_argument_kept_in_the_ast' was not analysed: its body contains errors
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  // `f` is mistyped: clang keeps the call with a converted argument.
  close(wrong_argument_kept_in_the_ast);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: error: incompatible pointer to integer conversion passing 'void (void)' to parameter of type 'int' [clang-diagnostic-int-conversion]
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

void still_checked(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
  close(fd);
}

// Typing at the end of the file: the rest of the file is the else branch.
void unfinished_else(int n) {
  // SKIPPED: :[[@LINE-1]]:6: warning: function 'unfinished_else' was not analysed: its body contains errors
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (n)
    close(fd);
  else {
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// The brace of unfinished_else is missing: the compiler reports it at the
// end of the file.
// CHECK-MESSAGES: :[[@LINE]]:{{[0-9]+}}: error: expected '}' [clang-diagnostic-error]
