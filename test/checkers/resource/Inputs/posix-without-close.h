// Declares socket() but not close(), like <sys/socket.h> without <unistd.h>.
#pragma clang system_header
#ifdef __cplusplus
extern "C" {
#endif
int socket(int domain, int type, int protocol);
#ifdef __cplusplus
}
#endif
