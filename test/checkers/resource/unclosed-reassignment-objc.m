// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -fblocks

#include <stdio.h>
#include <unistd.h>
#include <sys/socket.h>

@interface Server
- (int)open;
@end

// Objective-C methods are not analysed; C functions in the file are.
@implementation Server
- (int)open {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  return fd;
}
@end

void with_block(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  void (^closer)(void) = ^{ close(fd); };
  fd = socket(AF_INET, SOCK_STREAM, 0);
  closer();
  int other = socket(AF_INET, SOCK_STREAM, 0);
  other = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'other' is overwritten while it still holds an open socket
  close(other);
}
