// Helpers defined in net.c: the other files see these declarations only.
int net_open(const char *host);
void net_close(int fd);
void net_read_len(int fd, int *len);
void net_open_into(int *out);
