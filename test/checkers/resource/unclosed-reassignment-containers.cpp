// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A local standard container of handles is one more name of the handles put
// in it; passed by value, the callee gets the same handles. A callee that
// copies one out and overwrites the copy without closing it loses the
// caller's handle when the caller does not use it again (Juliet CWE-773
// variants 72-74).

#include <fcntl.h>
#include <list>
#include <map>
#include <stdio.h>
#include <unistd.h>
#include <vector>

static void overwrite_third(std::vector<FILE *> streams) {
  FILE *data = streams[2];
  data = fopen("other.txt", "w+");
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds the open FILE stream that 'vector_handed_over' passed in; the stream leaks [resource-unclosed-reassignment]
  if (data != NULL)
    fclose(data);
}

void vector_handed_over() {
  FILE *data = fopen("source.txt", "w+");
  std::vector<FILE *> streams;
  streams.insert(streams.end(), 1, data);
  streams.insert(streams.end(), 1, data);
  streams.insert(streams.end(), 1, data);
  overwrite_third(streams);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'streams' is passed to 'overwrite_third' here, which overwrites it without closing it; 'streams' is not used after the call
  // CHECK-NOTES: :[[@LINE-7]]:16: note: 'streams' was opened here, as 'data'
}

static void overwrite_last(std::list<int> fds) {
  int fd = fds.back();
  fd = open("other", O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: 'fd' is overwritten while it still holds the open file descriptor that 'list_handed_over' passed in; the descriptor leaks [resource-unclosed-reassignment]
  if (fd != -1)
    close(fd);
}

void list_handed_over() {
  int fd = open("source", O_RDONLY);
  std::list<int> fds;
  fds.push_back(fd);
  overwrite_last(fds);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'fds' is passed to 'overwrite_last' here, which overwrites it without closing it; 'fds' is not used after the call
  // CHECK-NOTES: :[[@LINE-5]]:12: note: 'fds' was opened here, as 'fd'
}

static void overwrite_mapped(std::map<int, FILE *> streams) {
  FILE *data = streams[2];
  data = fopen("other.txt", "w+");
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds the open FILE stream that 'map_handed_over' passed in; the stream leaks [resource-unclosed-reassignment]
  if (data != NULL)
    fclose(data);
}

void map_handed_over() {
  FILE *data = fopen("source.txt", "w+");
  std::map<int, FILE *> streams;
  streams[0] = data;
  streams[2] = data;
  overwrite_mapped(streams);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'streams' is passed to 'overwrite_mapped' here, which overwrites it without closing it; 'streams' is not used after the call
  // CHECK-NOTES: :[[@LINE-6]]:16: note: 'streams' was opened here, as 'data'
}

// Silent: the callee closes the caller's handle before reusing the name.
static void close_then_reuse(std::vector<FILE *> streams) {
  FILE *data = streams[2];
  if (data != NULL)
    fclose(data);
  data = fopen("other.txt", "w+");
  if (data != NULL)
    fclose(data);
}

void closed_by_callee() {
  FILE *data = fopen("source.txt", "w+");
  std::vector<FILE *> streams(3, nullptr);
  streams[2] = data;
  close_then_reuse(streams);
}

// Silent: the caller still uses its handle after the call.
void caller_closes_after() {
  FILE *data = fopen("source.txt", "w+");
  std::vector<FILE *> streams;
  streams.push_back(data);
  streams.push_back(data);
  streams.push_back(data);
  overwrite_third(streams);
  fclose(data);
}

// Silent: two different handles in one container are not followed.
static void overwrite_first(std::vector<int> fds) {
  int fd = fds[0];
  fd = open("other", O_RDONLY);
  if (fd != -1)
    close(fd);
}

void two_handles_in_one_container() {
  int a = open("a", O_RDONLY);
  int b = open("b", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(a);
  fds.push_back(b);
  overwrite_first(fds);
}

// Silent: an iterator was taken, the elements may have changed through it.
void iterator_taken() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  for (auto It = fds.begin(); It != fds.end(); ++It)
    *It = -1;
  overwrite_first(fds);
}

// --- clear(): every element is dropped, closed or not. -------------------

void cleared_while_open() {
  std::vector<int> fds;
  fds.push_back(open("source", O_RDONLY));
  fds.clear();
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'fds' is cleared while it still holds an open file descriptor; the descriptor leaks [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'fds' was opened here
}

void cleared_after_closing_on_one_path(bool done) {
  std::vector<FILE *> streams;
  streams.push_back(fopen("source.txt", "r"));
  if (done)
    fclose(streams[0]);
  streams.clear();
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'streams' is cleared while it may still hold an open FILE stream; the stream leaks on some paths [resource-unclosed-reassignment]
  // CHECK-NOTES: :[[@LINE-5]]:21: note: 'streams' was opened here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'streams' is closed here on some paths, but not on all
  // CHECK-NOTES: :[[@LINE-6]]:7: note: 'streams' stays open when this condition is false
}

void cleared_after_closing() {
  std::vector<int> fds;
  fds.push_back(open("source", O_RDONLY));
  close(fds[0]);
  fds.clear();
}

void cleared_after_closing_each() {
  std::vector<int> fds;
  fds.push_back(open("a", O_RDONLY));
  fds.push_back(open("b", O_RDONLY));
  for (int fd : fds)
    close(fd);
  fds.clear();
}

void cleared_while_another_name_keeps_it() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  fds.clear();
  close(fd);
}

void cleared_when_empty() {
  std::vector<int> fds;
  fds.clear();
  fds.push_back(open("source", O_RDONLY));
  close(fds[0]);
}
