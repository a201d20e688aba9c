// Does not compile: its shard is still written; it asked about net_open.
#include "net.h"

void broken(void) {
  int fd = net_open("db");
  net_close(fd)
}
