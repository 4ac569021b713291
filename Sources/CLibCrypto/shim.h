// OpenSSL's libcrypto, only for the RSA PKCS#1 v1.5 unwrapping of EDT/PRONOTE envelopes:
// swift-crypto offers RSA-OAEP but not v1.5 decryption, which Index Education uses.
// zlib is taken through the same module: the envelope's content is deflated before encryption.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <zlib.h>
