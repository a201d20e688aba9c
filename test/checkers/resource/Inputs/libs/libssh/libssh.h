// Minimal declarations mirroring <libssh/libssh.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct ssh_session_struct *ssh_session;
enum ssh_options_e { SSH_OPTIONS_HOST = 0 };
ssh_session ssh_new(void);
void ssh_free(ssh_session session);
int ssh_options_set(ssh_session session, enum ssh_options_e type, const void *value);
int ssh_connect(ssh_session session);
void ssh_disconnect(ssh_session session);
#ifdef __cplusplus
}
#endif
