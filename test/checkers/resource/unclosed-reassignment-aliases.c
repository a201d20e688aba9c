// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A copy of a handle is a second name for it. Overwriting one name loses
// the handle only when no other name is read afterwards; closing or
// handing over either name does so for both.

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

// The last names are dead: the overwrite loses the handle.
void copy_then_overwrite(void) {
  FILE *data = fopen("first.txt", "w");
  {
    FILE *copy = data;
    FILE *inner = copy;
    inner = fopen("second.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'inner' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-6]]:16: note: 'inner' was opened here
    if (inner)
      fclose(inner);
  }
}

void original_overwritten_copy_dead(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int saved = fd;
  (void)saved;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds an open socket
  close(fd);
}

// Another name still reads it: not lost.
void copy_closed_later(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int saved = fd;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(saved);
  close(fd);
}

// Closed through the copy: both names are closed.
void closed_through_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int copy = fd;
  close(copy);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// Handed over through the copy.
int registry[4];
void kept_through_copy(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int copy = fd;
  registry[0] = copy;
  fd = socket(AF_INET, SOCK_STREAM, 0);
  close(fd);
}

// The usual rotation: the previous handle is closed through its copy.
void rotate(int n) {
  int previous = -1;
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (previous >= 0)
      close(previous);
    previous = fd;
  }
  if (previous >= 0)
    close(previous);
}

// A local pointer that only ever points at one variable, and is only
// dereferenced, is another spelling of it: `*slot = fd` makes a copy.
void pointer_spelling_then_overwrite(void) {
  FILE *data = NULL;
  FILE **slot = &data;
  {
    FILE *opened = fopen("first.txt", "w");
    *slot = opened;
  }
  {
    FILE *reader = *slot;
    reader = fopen("second.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'reader' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-7]]:20: note: 'reader' was opened here, as 'opened'
    if (reader)
      fclose(reader);
  }
}

// Closed through the pointer before the overwrite.
void pointer_spelling_closed(void) {
  FILE *data = fopen("first.txt", "w");
  FILE **slot = &data;
  if (*slot)
    fclose(*slot);
  data = fopen("second.txt", "w");
  if (data)
    fclose(data);
}

// The pointer is handed to a function: `data` may change behind our back.
void keep_slot(FILE **slot);
void pointer_handed_over(void) {
  FILE *data = fopen("first.txt", "w");
  FILE **slot = &data;
  keep_slot(slot);
  data = fopen("second.txt", "w");
  if (data)
    fclose(data);
}

// The members of a union share their storage: reading another member
// reads the same handle.
union file_slot {
  FILE *first;
  FILE *second;
};
void union_member_then_overwrite(void) {
  FILE *data = fopen("first.txt", "w");
  union file_slot slot;
  slot.first = data;
  {
    FILE *other = slot.second;
    other = fopen("second.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'other' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
    // CHECK-MESSAGES: :[[@LINE-7]]:16: note: 'other' was opened here, as 'data'
    if (other)
      fclose(other);
  }
}

// Still read through the union after the overwrite: not lost.
void union_member_still_read(void) {
  FILE *data = fopen("first.txt", "w");
  union file_slot slot;
  slot.first = data;
  data = fopen("second.txt", "w");
  if (slot.second)
    fclose(slot.second);
  if (data)
    fclose(data);
}
