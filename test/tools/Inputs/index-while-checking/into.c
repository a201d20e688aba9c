// A helper of another file that stores a fresh socket through its
// out-parameter: seen only with the index.
#include "net.h"

void into_twice(void) {
  int fd;
  net_open_into(&fd);
  net_open_into(&fd);
  net_close(fd);
}
