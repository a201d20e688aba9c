#include <sys/socket.h>
#include <unistd.h>

// An inline helper in a project header that leaks.
static inline int reopen_twice(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}
