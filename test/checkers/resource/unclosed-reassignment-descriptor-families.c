// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

void every_descriptor_family(int listener, int dirfd, sigset_t *mask) {
  int fd = open("a", O_RDONLY);
  fd = openat(dirfd, "b", O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  fd = creat("c", 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  fd = dup(listener);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  fd = dup3(listener, 10, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  fd = epoll_create(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open file descriptor; the previous descriptor leaks
  fd = epoll_create1(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open epoll descriptor; the previous descriptor leaks
  fd = eventfd(0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open epoll descriptor; the previous descriptor leaks
  fd = timerfd_create(CLOCK_MONOTONIC, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open event descriptor; the previous descriptor leaks
  fd = signalfd(-1, mask, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open timer descriptor; the previous descriptor leaks
  fd = inotify_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open signal descriptor; the previous descriptor leaks
  fd = inotify_init1(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open inotify descriptor; the previous descriptor leaks
  fd = memfd_create("m", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open inotify descriptor; the previous descriptor leaks
  fd = accept(listener, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open memory file descriptor; the previous descriptor leaks
  fd = accept4(listener, 0, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks
  close(fd);
}

void closed_between_each(int listener, int dirfd, sigset_t *mask) {
  int fd = open("a", O_RDONLY);
  close(fd);
  fd = openat(dirfd, "b", O_RDONLY);
  close(fd);
  fd = epoll_create1(0);
  close(fd);
  fd = eventfd(0, 0);
  close(fd);
  fd = timerfd_create(CLOCK_MONOTONIC, 0);
  close(fd);
  fd = signalfd(-1, mask, 0);
  close(fd);
  fd = inotify_init1(0);
  close(fd);
  fd = memfd_create("m", 0);
  close(fd);
  fd = accept4(listener, 0, 0, 0);
  close(fd);
}

// dup2 onto a fixed number does not produce a new handle to track.
void dup2_is_not_an_acquisition(int a) {
  int fd = 3;
  fd = dup2(a, fd);
  fd = 4;
}
