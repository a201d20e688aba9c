// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <openssl/ssl.h>

void sessions(SSL_CTX *ctx, int fd) {
  SSL *ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  SSL_connect(ssl);
  ssl = SSL_new(ctx);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ssl' is overwritten while it still holds an open TLS connection; the previous connection leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  SSL_free(ssl);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  ssl = SSL_new(ctx);{{$}}
  SSL_shutdown(ssl);
  SSL_free(ssl);
}

void contexts(void) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  SSL *ssl = SSL_new(ctx);
  SSL_free(ssl);
  ctx = SSL_CTX_new(TLS_client_method());
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ctx' is overwritten while it still holds an open TLS context; the previous context leaks
  SSL_CTX_free(ctx);
}

void bios(SSL *ssl) {
  BIO *bio = BIO_new_connect("example.com:443");
  BIO_puts(bio, "x");
  BIO_free_all(bio);
  bio = BIO_new_accept("4433");
  bio = BIO_new_socket(3, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'bio' is overwritten while it still holds an open BIO; the previous BIO leaks
  // SSL_set_bio hands the BIOs to the connection.
  SSL_set_bio(ssl, bio, bio);
  bio = BIO_new_socket(4, 0);
  BIO_free(bio);
}
