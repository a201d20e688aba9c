// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

// Known functions that only use a handle do not take it over.
void socket_calls(const struct sockaddr *addr, socklen_t len) {
  char buf[16];
  int one = 1;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bind(fd, addr, len);
  listen(fd, 5);
  connect(fd, addr, len);
  send(fd, "x", 1, 0);
  recv(fd, buf, sizeof buf, 0);
  read(fd, buf, sizeof buf);
  write(fd, buf, sizeof buf);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  ioctl(fd, FIONREAD, &one);
  shutdown(fd, SHUT_RDWR);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}

void stream_calls(void) {
  char buf[16];
  FILE *fp = fopen("data", "r+");
  fprintf(fp, "%d\n", 1);
  fread(buf, 1, sizeof buf, fp);
  fwrite(buf, 1, sizeof buf, fp);
  fgets(buf, sizeof buf, fp);
  fflush(fp);
  fseek(fp, 0, SEEK_SET);
  printf("%p\n", (void *)fp);
  fp = fopen("other", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  if (fp) fclose(fp);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fp = fopen("other", "r");{{$}}
  if (fp)
    fclose(fp);
}

void listener_accept(int port) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  int client = accept(listener, 0, 0);
  close(client);
  listener = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'listener' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(listener);
}
