// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs

#include <std-only-stdio.h>
#include <posix-without-close.h>

void only_std_declares_fclose() {
  std::FILE *fp = std::fopen("a", "r");
  fp = std::fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  if (fp) std::fclose(fp);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fp = std::fopen("b", "r");{{$}}
  std::fclose(fp);
}

// close() is not declared here: an inserted call would not compile.
void release_not_declared() {
  int fd = socket(2, 1, 0);
  fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  int fd = socket(2, 1, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fd = socket(2, 1, 0);{{$}}
  (void)fd;
}
