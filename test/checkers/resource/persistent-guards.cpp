// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

// Guards the class keeps in step with its handle: a predicate method that
// only tests the handle (`isOpen()`) reads as that test, and a close()
// guarded by a flag it resets closes whatever is open.

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

class File {
public:
  bool isOpen() const { return fd_ >= 0; }
  bool open(const char *path) {
    if (isOpen())
      return false;
    fd_ = ::open(path, O_RDONLY);
    return fd_ >= 0;
  }
  bool openIfClosed(const char *path) {
    if (!isOpen())
      fd_ = ::open(path, O_RDONLY);
    return fd_ >= 0;
  }
  // The predicate read the wrong way round: opens over an open file.
  bool reopen(const char *path) {
    if (isOpen())
      fd_ = ::open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fd_' may still hold an open file descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  // Another object's predicate says nothing of this one's handle.
  bool openLike(const File &other, const char *path) {
    if (other.isOpen())
      return false;
    fd_ = ::open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open file descriptor from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  ~File() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

// A virtual predicate: an override may test something else.
class Channel {
public:
  virtual bool isOpen() const { return fd_ >= 0; }
  bool connect() {
    if (isOpen())
      return false;
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
    return fd_ >= 0;
  }
  virtual ~Channel() {
    if (fd_ >= 0)
      ::close(fd_);
  }

private:
  int fd_ = -1;
};

// close() guarded by a flag it resets: whatever is open is closed.
class Session {
public:
  void close() {
    if (open_) {
      ::close(fd_);
      open_ = false;
    }
  }
  void start() {
    close();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    open_ = true;
  }
  ~Session() { close(); }

private:
  int fd_ = -1;
  bool open_ = false;
};

// A flag close() tests but never resets is not kept in step with the
// handle: the path that skips the close may leave it open.
class Stream {
public:
  void close() {
    if (verbose_)
      ::close(fd_);
  }
  void start() {
    close();
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'fd_' may still hold an open socket from a previous call; it is overwritten without being closed [resource-unclosed-reassignment]
  }
  ~Stream() { ::close(fd_); }

private:
  int fd_ = -1;
  bool verbose_ = false;
};
