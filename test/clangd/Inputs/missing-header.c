#include <sys/socket.h>
#include <unistd.h>
#include "missing.h"
void f(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}
