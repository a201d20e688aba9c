// A <cstdio> that declares its functions only in namespace std.
#pragma clang system_header
namespace std {
struct FILE;
FILE *fopen(const char *path, const char *mode);
int fclose(FILE *stream);
} // namespace std
