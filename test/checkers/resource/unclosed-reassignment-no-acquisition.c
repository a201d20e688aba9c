// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

int get_descriptor(void);

// Functions that acquire nothing are not analysed: values from unknown
// functions are not handles this check knows about.
void no_acquisition(void) {
  int fd = get_descriptor();
  fd = get_descriptor();
  int count = 0;
  count = 1;
  (void)fd;
  (void)count;
}

// Only the variable that received an acquisition is tracked.
void one_tracked(void) {
  int plain = get_descriptor();
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  plain = get_descriptor();
  sock = plain;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'sock' is overwritten while it still holds an open socket
  close(sock);
}
