// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_GNU_SOURCE

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

// pipe() fills both elements; calling it again over an open pair leaks both.
void pipe_twice(void) {
  int fds[2];
  pipe(fds);
  pipe(fds);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'fds[1]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks [resource-unclosed-reassignment]
  // One fix releases both ends.
  // CHECK-FIXES: {{^}}  pipe(fds);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fds[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fds[1]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  pipe(fds);{{$}}
  close(fds[0]);
  close(fds[1]);
}

void pipe_closed_in_between(void) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return;
  close(fds[0]);
  close(fds[1]);
  pipe2(fds, O_CLOEXEC);
  close(fds[0]);
  close(fds[1]);
}

void pipe_end_overwritten(void) {
  int fds[2] = {-1, -1};
  if (pipe(fds) != 0)
    return;
  close(fds[1]);
  fds[1] = -1;
  fds[0] = -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fds[0]' is overwritten while it still holds an open pipe descriptor; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  fds[1] = -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(fds[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fds[0] = -1;{{$}}
}

// Handing the ends over (a struct, a helper) ends the tracking.
struct channel {
  int rd, wr;
};

void pipe_into_struct(struct channel *ch) {
  int fds[2];
  if (pipe(fds) != 0)
    return;
  ch->rd = fds[0];
  ch->wr = fds[1];
  pipe(fds);
  ch->rd = fds[0];
  ch->wr = fds[1];
}

void keep_pair(int *fds);

void pipe_handed_over(void) {
  int fds[2];
  pipe(fds);
  keep_pair(fds);
  pipe(fds);
  keep_pair(fds);
}

// A loop over the elements cannot be followed element by element: such an
// array is not tracked.
void closed_in_loop(void) {
  int fds[2];
  pipe(fds);
  for (int i = 0; i < 2; ++i)
    close(fds[i]);
  pipe(fds);
}

void socketpair_twice(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  close(sv[1]);
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'sv[0]' is overwritten while it still holds an open socket; the previous descriptor leaks
  // CHECK-FIXES: {{^}}  close(sv[1]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  close(sv[0]);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);{{$}}
  close(sv[0]);
  close(sv[1]);
}

void pipe_validity(void) {
  int fds[2];
  pipe(fds);
  if (fds[0] >= 0)
    close(fds[0]);
  if (fds[1] >= 0)
    close(fds[1]);
  pipe(fds);
  close(fds[0]);
  close(fds[1]);
}
