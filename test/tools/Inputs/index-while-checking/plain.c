// Nothing of another file.
#include <stdio.h>

void plain_twice(void) {
  FILE *f = fopen("a.txt", "r");
  f = fopen("b.txt", "r");
  fclose(f);
}
