// A small TCP server with the leaks resource-tidy finds.
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// Retries the connection but forgets the socket of the failed attempt.
int connect_with_retry(const struct sockaddr_in *peer, int attempts) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  while (connect(fd, (const struct sockaddr *)peer, sizeof *peer) != 0) {
    if (--attempts == 0)
      break;
    fd = socket(AF_INET, SOCK_STREAM, 0);
  }
  return fd;
}

// Greets every client but never closes the connection it accepted.
void serve(int listener) {
  int client = -1;
  for (;;) {
    client = accept(listener, NULL, NULL);
    if (client < 0)
      continue;
    send(client, "hello\n", 6, 0);
  }
}

// Rotates the log, closing the old stream only when the rotation succeeds.
FILE *rotate_log(FILE *log, int ok) {
  FILE *current = fopen("server.log", "a");
  if (ok)
    fclose(current);
  current = fopen("server.log.1", "a");
  return current;
}
