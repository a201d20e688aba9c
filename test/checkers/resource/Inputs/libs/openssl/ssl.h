// Minimal declarations mirroring OpenSSL's <openssl/ssl.h> and <openssl/bio.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_method_st SSL_METHOD;
typedef struct bio_st BIO;
const SSL_METHOD *TLS_client_method(void);
SSL_CTX *SSL_CTX_new(const SSL_METHOD *meth);
void SSL_CTX_free(SSL_CTX *ctx);
SSL *SSL_new(SSL_CTX *ctx);
void SSL_free(SSL *ssl);
int SSL_set_fd(SSL *s, int fd);
int SSL_connect(SSL *ssl);
int SSL_write(SSL *ssl, const void *buf, int num);
int SSL_shutdown(SSL *s);
void SSL_set_bio(SSL *s, BIO *rbio, BIO *wbio);
BIO *BIO_new_connect(const char *host_port);
BIO *BIO_new_accept(const char *host_port);
BIO *BIO_new_socket(int sock, int close_flag);
int BIO_free(BIO *a);
void BIO_free_all(BIO *a);
int BIO_puts(BIO *bp, const char *buf);
#ifdef __cplusplus
}
#endif
