#pragma clang system_header
#include <sys/socket.h>
#include <unistd.h>
static inline int leaky_helper(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}
