// Minimal declarations mirroring <libssh2.h>.
#pragma once
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct _LIBSSH2_SESSION LIBSSH2_SESSION;
LIBSSH2_SESSION *libssh2_session_init_ex(void *(*my_alloc)(size_t, void **), void (*my_free)(void *, void **), void *(*my_realloc)(void *, size_t, void **), void *abstract);
#define libssh2_session_init() libssh2_session_init_ex(NULL, NULL, NULL, NULL)
int libssh2_session_handshake(LIBSSH2_SESSION *session, int sock);
int libssh2_session_free(LIBSSH2_SESSION *session);
#ifdef __cplusplus
}
#endif
