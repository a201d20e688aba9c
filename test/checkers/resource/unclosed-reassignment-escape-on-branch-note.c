// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <sys/socket.h>
#include <unistd.h>

void keep(int fd);

// The branch note also explains a path that handed the handle over.
void handed_over_on_one_path(int c) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (c)
    keep(fd);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it may still hold an open socket; the previous descriptor leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 'fd' was opened here
  // CHECK-NOTES: :[[@LINE-5]]:7: note: 'fd' stays open when this condition is false
  close(fd);
}
