// Another program of the same build defining a function of the same name.
#include "conn.h"

void twice_defined(int fd) { printf("%d\n", fd); }
