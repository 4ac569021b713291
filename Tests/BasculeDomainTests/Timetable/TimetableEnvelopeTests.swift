import BasculeDomain
import Crypto
import _CryptoExtras
import Foundation
import Testing
@testable import BasculeFormats

@Suite("EDT/PRONOTE encrypted envelope")
struct TimetableEnvelopeTests {
    private static let partner = "NotreENT"

    /// An envelope built as the software builds it: zlib, AES-128-CBC, SHA-256 of the compressed
    /// bytes, the 48-byte secret wrapped per partner with RSA PKCS#1 v1.5.
    private func envelope(_ inner: String, key: _RSA.Encryption.PrivateKey, otherKey: _RSA.Encryption.PrivateKey,
                          tamper: Bool = false) throws -> String {
        let aes = SymmetricKey(size: .bits128)
        let iv = (0..<16).map { _ in UInt8.random(in: 0...255) }
        var secret = aes.withUnsafeBytes { Data($0) } + Data(iv)
        secret += Data(Insecure.MD5.hash(data: secret))
        let compressed = TimetableZlib.deflate(Data(inner.utf8))
        let content = try AES._CBC.encrypt(compressed, using: aes, iv: AES._CBC.IV(ivBytes: iv))
        var hash = Data(SHA256.hash(data: compressed))
        if tamper { hash[0] ^= 1 }
        let ours = try TimetableRSA.encryptPKCS1(secret, privateKeyPEM: key.pkcs8PEMRepresentation)
        let theirs = try TimetableRSA.encryptPKCS1(secret, privateKeyPEM: otherKey.pkcs8PEMRepresentation)
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <EXPORT_INDEX_EDUCATION xmlns="http://www.index-education.com/conteneurexportchiffre">
          <VERSION>1.0</VERSION><LOGICIEL>EDT 2025 - 1.2.3</LOGICIEL>
          <CLES><PARTENAIRE NOM="INDEXEDUCATION">\(theirs.base64EncodedString(options: .lineLength76Characters))</PARTENAIRE>
                <PARTENAIRE NOM="\(Self.partner)">\(ours.base64EncodedString(options: .lineLength76Characters))</PARTENAIRE></CLES>
          <CONTENU>\(content.base64EncodedString(options: .lineLength76Characters))</CONTENU>
          <VERIFICATION>\(hash.base64EncodedString())</VERIFICATION>
          <DATEHEURE>2025-09-01T10:00:00+02:00</DATEHEURE><UAI>0999999X</UAI>
          <NOMETABLISSEMENT>COLLEGE EXEMPLE</NOMETABLISSEMENT><CODEPOSTALVILLE>13013</CODEPOSTALVILLE>
        </EXPORT_INDEX_EDUCATION>
        """
    }

    private func read(_ text: String, keys: TimetableKeys?) throws(TimetableFileError) -> TimetableExport {
        let url = try! writeTimetable(text, name: "chiffre.xml")
        return try TimetableReader.read(fileAt: url, displayName: "chiffre.xml", keys: keys)
    }

    @Test("A round trip gives back the clear export, with the product and the encryption told")
    func roundTrip() throws {
        // setup
        let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        let text = try envelope(edtSample(), key: key, otherKey: other)
        // act
        let export = try read(text, keys: TimetableKeys(partner: Self.partner, privateKey: key.pkcs8PEMRepresentation))
        // check
        let url = try writeTimetable(edtSample())
        var clear = try TimetableReader.read(fileAt: url, displayName: "x", keys: nil)
        clear.source = TimetableSource(software: .edt, product: "EDT 2025 - 1.2.3", version: "1.1", wasEncrypted: true)
        #expect(export == clear)
    }

    @Test("A bad hash, and a key that is not the partner's")
    func badHashAndKey() throws {
        // setup
        let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        let other = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        let tampered = try envelope(edtSample(), key: key, otherKey: other, tamper: true)
        let good = try envelope(edtSample(), key: key, otherKey: other)
        // act, check
        #expect(throws: TimetableFileError(fileName: "chiffre.xml", location: .element("VERIFICATION"),
                                           reason: "l'empreinte SHA-256 du contenu ne correspond pas (export abîmé ou modifié)")) {
            try read(tampered, keys: TimetableKeys(partner: Self.partner, privateKey: key.pkcs8PEMRepresentation))
        }
        do throws(TimetableFileError) {
            _ = try read(good, keys: TimetableKeys(partner: Self.partner, privateKey: other.pkcs8PEMRepresentation))
            Issue.record("read with the wrong key")
        } catch {
            #expect(error.location == .element("PARTENAIRE"))
            #expect(error.reason.hasPrefix("la clé privée configurée n"))
        }
    }

    @Test("The real 2013-14 envelope is refused without a key, and for another partner")
    func realEnvelope() throws {
        // setup
        let url = timetableFixture("edt/edt-2013-2014-encrypted.xml")
        let key = try _RSA.Encryption.PrivateKey(keySize: .bits2048)
        // act, check
        #expect(throws: TimetableFileError(fileName: "e.xml", location: .element("CLES"),
            reason: "export chiffré (partenaires « INDEXEDUCATION », « LaclasseCom ») et aucune clé de partenaire n'est configurée\u{00A0}; "
                + "configurez la clé privée du partenaire de l'ENT, ou déposez un export en clair")) {
            try TimetableReader.read(fileAt: url, displayName: "e.xml", keys: nil)
        }
        let keys = TimetableKeys(partner: "Bascule", privateKey: key.pkcs8PEMRepresentation)
        #expect(throws: TimetableFileError(fileName: "e.xml", location: .element("CLES"),
            reason: "export chiffré pour un autre partenaire (« INDEXEDUCATION », « LaclasseCom »), pas pour « Bascule »\u{00A0}; "
                + "dans le logiciel, choisissez « Bascule » comme partenaire de l'export ENT")) {
            try TimetableReader.read(fileAt: url, displayName: "e.xml", keys: keys)
        }
    }
}
