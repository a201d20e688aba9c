// `&len` goes to a function of another file that only reads into it: the
// index cannot change what is found here.
#include "net.h"
#include <stdio.h>

int reader_twice(void) {
  int len = 0;
  net_read_len(0, &len);
  FILE *f = fopen("a.txt", "r");
  f = fopen("b.txt", "r");
  fclose(f);
  return len;
}
