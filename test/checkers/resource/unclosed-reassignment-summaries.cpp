// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

// A function of this file that stores a fresh handle into a reference
// parameter on every path is an out-parameter acquisition for its callers.

#include <stdio.h>

static void open_into(FILE *&stream, const char *path) {
  stream = fopen(path, "w");
}

// Not on every path: what it leaves there is unknown.
static void maybe_open_into(FILE *&stream, const char *path, bool really) {
  if (really)
    stream = fopen(path, "w");
}

void open_twice() {
  FILE *log = fopen("a.log", "w");
  open_into(log, "b.log");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'log' is overwritten while it still holds an open FILE stream; the previous stream leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'log' was opened here
  if (log)
    fclose(log);
}

void source_then_overwrite() {
  FILE *data = nullptr;
  open_into(data, "source.txt");
  data = fopen("sink.txt", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'data' is overwritten while it still holds an open handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'data' was opened here
  if (data)
    fclose(data);
}

// Fixed versions.
void close_then_open_into() {
  FILE *log = fopen("a.log", "w");
  if (log)
    fclose(log);
  open_into(log, "b.log");
  if (log)
    fclose(log);
}

void maybe_opened(bool really) {
  FILE *data = nullptr;
  maybe_open_into(data, "source.txt", really);
  data = fopen("sink.txt", "w");
  if (data)
    fclose(data);
}

// A virtual call runs the override of the object's class when the pointer
// or reference was set, once, to a new object of a known class.
struct Sink {
  virtual void take(FILE *stream) const = 0;
  virtual ~Sink() = default;
};
struct Reopener : Sink {
  void take(FILE *stream) const override {
    stream = fopen("next.txt", "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'stream' is overwritten while it still holds the open FILE stream that 'hand_to_known_override' passed in; the stream leaks [resource-unclosed-reassignment]
    if (stream)
      fclose(stream);
  }
};
struct Closer : Sink {
  void take(FILE *stream) const override {
    if (stream)
      fclose(stream);
  }
};

void hand_to_known_override() {
  FILE *data = fopen("first.txt", "w");
  Sink *sink = new Reopener;
  sink->take(data);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'data' is passed to 'take' here, which overwrites it without closing it; 'data' is not used after the call
  // CHECK-MESSAGES: :[[@LINE-4]]:16: note: 'data' was opened here
  delete sink;
}

// The override closes it; a temporary bound to a reference is known too.
void hand_to_closing_override() {
  FILE *data = fopen("first.txt", "w");
  const Sink &sink = Closer();
  sink.take(data);
}

// Any override may run: the call may keep the stream.
void hand_to_some_override(const Sink &sink) {
  FILE *data = fopen("first.txt", "w");
  sink.take(data);
}

// Pointed elsewhere later: not known.
void hand_to_repointed(Sink *other, bool swap) {
  FILE *data = fopen("first.txt", "w");
  Sink *sink = new Reopener;
  if (swap)
    sink = other;
  sink->take(data);
}
