// RUN: %check_resource_tidy -expect-clang-tidy-error %s resource-unclosed-reassignment %t

// A function with a compile error is not analysed, but what it does with
// a file-local global still counts: here it may pass the global on, so
// the reset in the callback is a setter, not a lost handle (the same reset
// with nothing else naming the global is reported:
// persistent-global-resets.c). The walk of the file that gathers which
// storage holds handles sorts the global's mentions too; it skips the
// damaged function's body for its own evidence, not for the mentions.

#include <sys/socket.h>
#include <unistd.h>

void hand_over(int fd);

static int relay_fd = -1;

void start_relay(void) { relay_fd = socket(AF_INET, SOCK_STREAM, 0); }

void relay_in_the_middle_of_an_edit(void) {
  hand_over(relay_fd);
  close(relay_fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: error: expected ')' [clang-diagnostic-error]
}

void relay_failed_cb(int status) {
  if (status != 0)
    relay_fd = -1;
}
