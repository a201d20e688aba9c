#include <sys/socket.h>
#include <unistd.h>

class Connection {
public:
  int reconnect() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    return fd_;
  }
  ~Connection() { close(fd_); }

private:
  int fd_ = -1;
};
