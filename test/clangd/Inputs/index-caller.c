#include "conn.h"

void hand_to_sink(void) {
  FILE *f = fopen("data.txt", "r");
  conn_sink(f);
}
