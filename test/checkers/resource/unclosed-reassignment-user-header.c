// The header is copied first: the check's -fix run edits it.
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %S/Inputs/user-inline-helpers.h %t.dir/
// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- --header-filter='.*' -- -I %t.dir
// RUN: %FileCheck %s --check-prefix=HEADER-FIXED --input-file=%t.dir/user-inline-helpers.h

// A project header (not a system header) is analysed like any source.
#include "user-inline-helpers.h"

int use(void) { return reopen_twice(); }
// CHECK-MESSAGES: user-inline-helpers.h:7:6: warning: 'fd' is overwritten while it still holds an open socket
// HEADER-FIXED: {{^}}  int fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
// HEADER-FIXED-NEXT: {{^}}  close(fd);{{$}}
// HEADER-FIXED-NEXT: {{^}}  fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
