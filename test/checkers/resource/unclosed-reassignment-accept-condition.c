// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -D_FORTIFY_SOURCE=2 -O2

#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

void serve_in_condition(int listener) {
  int client;
  while ((client = accept(listener, 0, 0)) >= 0) {
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'client' is overwritten while it may still hold an open socket
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'client' was opened here in a previous loop iteration
    write(client, "hi\n", 3);
  }
}

void serve_in_condition_closes(int listener) {
  int client;
  while ((client = accept(listener, 0, 0)) >= 0) {
    write(client, "hi\n", 3);
    close(client);
  }
}

// FD_SET under _FORTIFY_SOURCE calls a checking helper: still only a use.
void select_loop(int listener) {
  fd_set set;
  int client = accept(listener, 0, 0);
  FD_ZERO(&set);
  FD_SET(client, &set);
  select(client + 1, &set, 0, 0, 0);
  client = accept(listener, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'client' is overwritten while it still holds an open socket
  close(client);
}
