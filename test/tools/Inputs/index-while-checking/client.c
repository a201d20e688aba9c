// An acquiring wrapper of another file: seen only with the index.
#include "net.h"

void client_reconnect(void) {
  int fd = net_open("db");
  fd = net_open("db");
  net_close(fd);
}
