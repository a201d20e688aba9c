// RUN: %check_resource_tidy %s resource-leaked-handle %t

// A class that opens a handle into a private field in a constructor and
// closes it nowhere, not even in its destructor, leaks one handle with every
// object. Only said when this file shows every member function of the class
// (Juliet CWE-775 variants 83 and 84).

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

class Report {
public:
  explicit Report(FILE *Initial);
  ~Report();
  void line(const char *Text);

private:
  FILE *Out;
};

Report::Report(FILE *Initial) {
  Out = Initial;
  Out = fopen("report.txt", "w+");
}

void Report::line(const char *Text) {
  if (Out != NULL)
    fprintf(Out, "%s\n", Text);
}

Report::~Report() {}
// CHECK-NOTES: :[[@LINE-1]]:9: warning: 'Out' is opened by a constructor of 'Report' and closed nowhere in the class, not even in its destructor; every 'Report' object leaks its stream [resource-leaked-handle]
// CHECK-NOTES: :[[@LINE-10]]:9: note: 'Out' was opened here

class Lock {
public:
  Lock() : Fd(open("lock", O_RDONLY)) {}
  ~Lock() {
    if (!Fd)
      return;
  }
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: 'Fd' is opened by a constructor of 'Lock' and closed nowhere in the class, not even in its destructor; every 'Lock' object leaks its descriptor [resource-leaked-handle]
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'Fd' was opened here

private:
  int Fd;
};

// Silent from here on.

class ClosedInDestructor {
public:
  ClosedInDestructor() { Out = fopen("a.txt", "w"); }
  ~ClosedInDestructor() {
    if (Out)
      fclose(Out);
  }

private:
  FILE *Out;
};

class ClosedByMethod {
public:
  ClosedByMethod() { Fd = open("a", O_RDONLY); }
  ~ClosedByMethod() {}
  void shutdown() { close(Fd); }

private:
  int Fd;
};

class HandsItOut {
public:
  HandsItOut() { Fd = open("a", O_RDONLY); }
  ~HandsItOut() {}
  int fd() const { return Fd; }

private:
  int Fd;
};

void adopt(int Fd);

class PassesItOn {
public:
  PassesItOn() { Fd = open("a", O_RDONLY); }
  ~PassesItOn() { adopt(Fd); }

private:
  int Fd;
};

// A member function defined elsewhere may close it.
class DefinedElsewhere {
public:
  DefinedElsewhere() { Fd = open("a", O_RDONLY); }
  ~DefinedElsewhere() {}
  void teardown();

private:
  int Fd;
};

// Public: any code may close it.
class PublicField {
public:
  PublicField() { Fd = open("a", O_RDONLY); }
  ~PublicField() {}
  int Fd;
};

class Closer;
class WithFriend {
  friend class Closer;

public:
  WithFriend() { Fd = open("a", O_RDONLY); }
  ~WithFriend() {}

private:
  int Fd;
};

// Opened by a method, not by a constructor: whether it runs is not known.
class OpenedLater {
public:
  OpenedLater() : Fd(-1) {}
  ~OpenedLater() {}
  void start() { Fd = open("a", O_RDONLY); }

private:
  int Fd;
};
