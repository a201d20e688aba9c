// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <stdio.h>
#include <unistd.h>

// Any modelled release closes the handle it is given, even a mismatched
// one (that bug belongs to another check).
void pclose_on_popen_and_fclose(void) {
  FILE *p = popen("ls", "r");
  fclose(p);
  p = popen("id", "r");
  pclose(p);
}

// Closing the descriptor underneath a stream does not release the FILE.
void closes_only_descriptor(void) {
  FILE *fp = fopen("a", "r");
  close(fileno(fp));
  fp = fopen("b", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream
  if (fp)
    fclose(fp);
}
