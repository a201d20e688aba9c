// RUN: %clang_tidy --load=%plugin --checks='-*,resource-*' %s \
// RUN:   -config="{CheckOptions: {resource-unclosed-reassignment.BuiltinFamilies: 'posix-fd;no-such-family', \
// RUN:     resource-unclosed-reassignment.Families: 'open_a -> close_a; broken entry; x -> ; 9bad -> close_b; open_c -> close_c [colour=blue]; open_d@x -> close_d', \
// RUN:     resource-unclosed-reassignment.HeldHandles: 'no arrow; get_a -> close [colour=red]; get_b -> close; get_c -> close [set=put_c@0]; get_d -> close [set=put_d]', \
// RUN:     resource-unclosed-reassignment.UseFunctions: 'ok_use; not a name', \
// RUN:     resource-unclosed-reassignment.SinkFunctions: 'sink@many', \
// RUN:     resource-unclosed-reassignment.ReleaseMethods: 'close; a::b', \
// RUN:     resource-unclosed-reassignment.ConnectionClasses: 'Good=stop; Bad=st op', \
// RUN:     resource-unclosed-reassignment.NoReturnFunctions: 'UnityFail; no way'}}" -- 2>&1 \
// RUN:   | %FileCheck %s --implicit-check-not="{{warning|error}}:"
//
// Every malformed entry is named with its option; the valid ones still work.
// CHECK-DAG: warning: invalid entry 'no-such-family' in option 'resource-unclosed-reassignment.BuiltinFamilies': no built-in family has this name; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'broken entry' in option 'resource-unclosed-reassignment.Families': expected 'acquire -> release'; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'x ->' in option 'resource-unclosed-reassignment.Families': no function names; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry '9bad -> close_b' in option 'resource-unclosed-reassignment.Families': '9bad' is not a function name; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'open_c -> close_c [colour=blue]' in option 'resource-unclosed-reassignment.Families': unknown attribute 'colour=blue'; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'open_d@x -> close_d' in option 'resource-unclosed-reassignment.Families': '@x' is not an argument index; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'no arrow' in option 'resource-unclosed-reassignment.HeldHandles': expected 'getter -> release'; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'get_a -> close [colour=red]' in option 'resource-unclosed-reassignment.HeldHandles': unknown attribute 'colour=red'; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'get_b -> close' in option 'resource-unclosed-reassignment.HeldHandles': no 'set=' or 'replace=' function; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'get_c -> close [set=put_c@0]' in option 'resource-unclosed-reassignment.HeldHandles': 'put_c@0' stores the object itself (argument 0); the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'not a name' in option 'resource-unclosed-reassignment.UseFunctions': not a function name; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'sink@many' in option 'resource-unclosed-reassignment.SinkFunctions': '@many' is not an argument index; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'a::b' in option 'resource-unclosed-reassignment.ReleaseMethods': not a method name; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'Bad=st op' in option 'resource-unclosed-reassignment.ConnectionClasses': not a list of method names; the entry is ignored [clang-tidy-config]
// CHECK-DAG: warning: invalid entry 'no way' in option 'resource-unclosed-reassignment.NoReturnFunctions': not a function name; the entry is ignored [clang-tidy-config]
// CHECK-DAG: options-invalid.c:[[@LINE+10]]:5: warning: 'a' is overwritten while it still holds an open handle
// CHECK-DAG: options-invalid.c:[[@LINE+14]]:6: warning: 'fd' is overwritten while it still holds an open socket

#include <sys/socket.h>
#include <unistd.h>

int open_a(void);
void close_a(int);
void valid_entries_still_apply(void) {
  int a = open_a();
  a = open_a();
  close_a(a);
}
void builtins_still_apply(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
