// RUN: %check_resource_tidy %s resource-leaked-handle %t

// A handle with two names leaks where its last name goes away, once.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void copy_in_inner_scope(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  {
    int copy = fd;
    (void)copy;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it still holds an open socket; the descriptor leaks [resource-leaked-handle]

void closed_through_inner_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  {
    int copy = fd;
    close(copy);
  }
}

int returned_through_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int copy = fd;
  return copy;
}

// `*slot` for `FILE **slot = &data;` only ever dereferenced is `data`.
void pointer_spelling_leaks(void) {
  FILE *data = NULL;
  FILE **slot = &data;
  {
    FILE *opened = fopen("first.txt", "w");
    *slot = opened;
  }
  {
    FILE *reader = *slot;
    (void)reader;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'data' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-9]]:20: note: 'data' was opened here, as 'opened'

void pointer_spelling_closed(void) {
  FILE *data = NULL;
  FILE **slot = &data;
  *slot = fopen("first.txt", "w");
  {
    FILE *reader = *slot;
    if (reader)
      fclose(reader);
  }
}

// A pointer that is copied may be used to close it anywhere.
void keep_slot(FILE **slot);
void pointer_copied(void) {
  FILE *data = fopen("first.txt", "w");
  FILE **slot = &data;
  keep_slot(slot);
}

union file_slot {
  FILE *first;
  FILE *second;
};
void union_member_leaks(void) {
  FILE *data = fopen("first.txt", "w");
  union file_slot slot;
  slot.first = data;
  {
    FILE *other = slot.second;
    (void)other;
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'data' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-9]]:16: note: 'data' was opened here

void union_member_closed(void) {
  FILE *data = fopen("first.txt", "w");
  union file_slot slot;
  slot.first = data;
  if (slot.second)
    fclose(slot.second);
}
