// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A local reference is another spelling of the variable it is bound to.

#include <stdio.h>

void copy_through_reference() {
  FILE *data = fopen("first.txt", "w");
  FILE *&ref = data;
  {
    FILE *inner = ref;
    inner = fopen("second.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'inner' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-6]]:16: note: 'inner' was opened here
    // CHECK-FIXES: {{^}}    if (inner) fclose(inner);{{$}}
    if (inner)
      fclose(inner);
  }
}

void overwrite_through_reference() {
  FILE *data = fopen("first.txt", "w");
  FILE *&ref = data;
  ref = fopen("second.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'data' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  if (data) fclose(data);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ref = fopen("second.txt", "w");{{$}}
  if (data)
    fclose(data);
}

// Closed through the reference: nothing is lost.
void closed_through_reference() {
  FILE *data = fopen("first.txt", "w");
  FILE *&ref = data;
  if (ref)
    fclose(ref);
  data = fopen("second.txt", "w");
  if (data)
    fclose(data);
}
