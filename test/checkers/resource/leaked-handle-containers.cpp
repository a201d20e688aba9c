// RUN: %check_resource_tidy %s resource-leaked-handle %t

// A local standard container of handles is one more name of the handles put
// in it: the handle leaks when the container and every other name of it go
// away with the handle open. A container that is iterated, changed other
// than by an insertion, returned or handed to code the analysis does not
// see takes its handles out of sight (Juliet CWE-775 variants 72-74).

#include <fcntl.h>
#include <map>
#include <stdio.h>
#include <unistd.h>
#include <vector>

static void only_reads(std::vector<FILE *> streams) {
  FILE *data = streams[2];
  (void)data;
}

void copied_out_and_dropped() {
  FILE *data = fopen("source.txt", "w+");
  std::vector<FILE *> streams;
  streams.push_back(data);
  streams.push_back(data);
  streams.push_back(data);
  only_reads(streams);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'data' goes out of scope while it still holds an open FILE stream; the stream leaks [resource-leaked-handle]

void kept_in_a_map() {
  int fd = open("source", O_RDONLY);
  std::map<int, int> fds;
  fds[1] = fd;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fd' goes out of scope while it still holds an open file descriptor; the descriptor leaks [resource-leaked-handle]

static void closes(std::vector<FILE *> streams) {
  FILE *data = streams[2];
  fclose(data);
}

// Silent from here on.

void closed_by_callee() {
  FILE *data = fopen("source.txt", "w+");
  std::vector<FILE *> streams(3, nullptr);
  streams[2] = data;
  closes(streams);
}

void closed_through_element() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  close(fds[0]);
}

void closed_in_range_for() {
  FILE *data = fopen("source.txt", "r");
  std::vector<FILE *> streams;
  streams.push_back(data);
  for (FILE *Each : streams)
    fclose(Each);
}

void closed_through_iterator() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  for (auto It = fds.begin(); It != fds.end(); ++It)
    close(*It);
}

std::vector<int> returned() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  return fds;
}

void register_all(std::vector<int> &fds);

void handed_to_unknown_code() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  register_all(fds);
}

void closed_through_copy() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  std::vector<int> copy = fds;
  close(copy[0]);
}

void cleared() {
  int fd = open("source", O_RDONLY);
  std::vector<int> fds;
  fds.push_back(fd);
  fds.clear();
}

// Opened straight into the container: it alone names the handle.
void opened_into_container() {
  std::vector<int> fds;
  fds.push_back(open("source", O_RDONLY));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fds' goes out of scope while it still holds an open file descriptor; the descriptor leaks [resource-leaked-handle]
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: 'fds' was opened here

void opened_into_container_and_closed() {
  std::vector<int> fds;
  fds.push_back(open("source", O_RDONLY));
  for (size_t i = 0; i < fds.size(); ++i)
    close(fds[i]);
}

// A second handle puts both out of sight.
void opened_twice_into_container() {
  std::vector<FILE *> streams;
  streams.push_back(fopen("a", "r"));
  streams.push_back(fopen("b", "r"));
}
