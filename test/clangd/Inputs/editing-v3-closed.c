#include <sys/socket.h>
#include <unistd.h>

int reconnect(int attempts) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (--attempts > 0) {
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  return fd;
}

void serve(int listener) {
  int client = -1;
  for (;;) {
    client = accept(listener, 0, 0);
    if (client < 0)
      break;
  }
}
