// RUN: %check_resource_tidy %s resource-leaked-handle %t -- -- -fblocks

// A block literal's locals go out of scope when the block returns.

#include <stdio.h>

void run(void (^job)(void));

void block_leaks_stream(void) {
  run(^{
    FILE *f = fopen("log.txt", "r");
    if (!f)
      return;
    fgetc(f);
  });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: 'f' was opened here
}

void block_closes_stream(void) {
  run(^{
    FILE *f = fopen("log.txt", "r");
    if (!f)
      return;
    fgetc(f);
    fclose(f);
  });
}

// A block in main() may run after main's locals are gone, or many times:
// its handles are not the process's to reclaim.
int main(void) {
  run(^{
    FILE *f = fopen("log.txt", "r");
    if (f)
      fgetc(f);
  });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
  // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'f' was opened here
  return 0;
}
