import CLibCrypto
import Foundation

/// RSA PKCS#1 v1.5 through OpenSSL's EVP interface: the padding Index Education wraps its AES
/// keys with, and which swift-crypto only offers for signatures.
enum TimetableRSA {
    struct Failure: Error { var reason: String }

    static func decryptPKCS1(_ data: Data, privateKeyPEM: String) throws(Failure) -> Data {
        let key = try privateKey(privateKeyPEM)
        defer { EVP_PKEY_free(key) }
        return try run(key, data, decrypt: true)
    }

    /// Used to build envelopes as the software does, for tests: the public side of the key.
    static func encryptPKCS1(_ data: Data, privateKeyPEM: String) throws(Failure) -> Data {
        let key = try privateKey(privateKeyPEM)
        defer { EVP_PKEY_free(key) }
        return try run(key, data, decrypt: false)
    }

    private static func privateKey(_ pem: String) throws(Failure) -> OpaquePointer {
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw Failure(reason: "clé privée PEM PKCS#8 illisible") }
        return key
    }

    private static func run(_ key: OpaquePointer, _ data: Data, decrypt: Bool) throws(Failure) -> Data {
        guard let context = EVP_PKEY_CTX_new(key, nil) else { throw Failure(reason: "contexte OpenSSL indisponible") }
        defer { EVP_PKEY_CTX_free(context) }
        guard (decrypt ? EVP_PKEY_decrypt_init(context) : EVP_PKEY_encrypt_init(context)) > 0,
              EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) > 0 else {
            throw Failure(reason: "la clé n'est pas une clé RSA")
        }
        let input = Array(data)
        var length = 0
        let operation = decrypt ? EVP_PKEY_decrypt : EVP_PKEY_encrypt
        guard operation(context, nil, &length, input, input.count) > 0 else { throw Failure(reason: "taille RSA inattendue") }
        var output = [UInt8](repeating: 0, count: length)
        guard operation(context, &output, &length, input, input.count) > 0 else {
            ERR_clear_error()
            throw Failure(reason: "déchiffrement RSA refusé")
        }
        return Data(output.prefix(length))
    }
}
