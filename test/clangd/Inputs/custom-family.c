struct conn;
struct conn *conn_open(const char *address);
void conn_close(struct conn *c);

void reopen(void) {
  struct conn *c = conn_open("a");
  c = conn_open("b");
  conn_close(c);
}
