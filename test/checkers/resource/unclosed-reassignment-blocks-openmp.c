// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -fblocks -fopenmp

// A block literal's body is code of its own, analysed when the block is
// called; OpenMP regions are part of the function that contains them.

#include <sys/socket.h>
#include <unistd.h>

void run(void (^job)(void));
void dispatch_once(long *predicate, void (^job)(void));

void block_opens_twice(void) {
  run(^{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'fd' was opened here
    // CHECK-FIXES: {{^}}    close(fd);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    fd = socket(AF_INET, SOCK_STREAM, 0);{{$}}
    close(fd);
  });
}

void block_closes_first(void) {
  run(^{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
  });
}

// A block handed to a runner may run any number of times: the global it
// sets may still hold the socket of an earlier run.
int g_listener = -1;
void register_reopen(void) {
  run(^{ g_listener = socket(AF_INET, SOCK_STREAM, 0); });
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'g_listener' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: close the previous descriptor first if 'g_listener' can still hold one here
}

void register_reopen_closing(void) {
  run(^{
    if (g_listener >= 0)
      close(g_listener);
    g_listener = socket(AF_INET, SOCK_STREAM, 0);
  });
}

// dispatch_once runs its block once.
static long once;
int g_shared = -1;
void open_shared_once(void) {
  dispatch_once(&once, ^{ g_shared = socket(AF_INET, SOCK_STREAM, 0); });
}

// What the block captures belongs to the enclosing function.
void block_closes_captured(void) {
  __block int fd = socket(AF_INET, SOCK_STREAM, 0);
  run(^{ close(fd); });
}

void parallel_loop(int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'fd' was opened here
    close(fd);
  }
}

void parallel_loop_closing(int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
  }
}

void parallel_region(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
#pragma omp parallel
  {
#pragma omp single
    fd = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fd' is overwritten while it still holds an open socket; the previous descriptor leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'fd' was opened here
  }
  close(fd);
}
