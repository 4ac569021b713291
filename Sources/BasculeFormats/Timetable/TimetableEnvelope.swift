import BasculeDomain
import Crypto
import _CryptoExtras
import Foundation

/// The encrypted envelope `EXPORT_INDEX_EDUCATION` of EDT/PRONOTE: the AES key is wrapped with
/// each registered partner's RSA key, so only the partner named in the school's export settings
/// can open it. The steps follow Open ENT NG's `EDTUtils#decryptExport`, the only public reader.
struct TimetableEnvelope {
    let fileName: String
    let limits: TimetableLimits

    private func fail(_ element: String, _ reason: String) -> TimetableFileError {
        TimetableFileError(fileName: fileName, location: .element(element), reason: reason)
    }

    func read(_ root: TimetableXMLNode, keys: TimetableKeys?) throws(TimetableFileError) -> TimetableExport {
        let partners = root.child(named: "CLES")?.children(named: "PARTENAIRE") ?? []
        let names = partners.compactMap { $0.attribute("NOM") }
        let listed = names.map { "« \($0) »" }.joined(separator: ", ")
        guard let keys else {
            throw fail("CLES", "export chiffré (partenaires \(listed)) et aucune clé de partenaire n'est configurée\u{00A0}; "
                + "configurez la clé privée du partenaire de l'ENT, ou déposez un export en clair")
        }
        guard let wrapped = partners.first(where: { $0.attribute("NOM") == keys.partner }) else {
            throw fail("CLES", "export chiffré pour un autre partenaire (\(listed)), pas pour « \(keys.partner) »\u{00A0}; "
                + "dans le logiciel, choisissez « \(keys.partner) » comme partenaire de l'export ENT")
        }
        let secret = try unwrap(Self.base64(wrapped.text), privateKey: keys.privateKey)
        guard let content = root.child(named: "CONTENU"), let encrypted = Self.base64(content.text), !encrypted.isEmpty else {
            throw fail("CONTENU", "contenu chiffré absent ou illisible (base64 attendu)")
        }
        let plain: Data
        do {
            plain = try AES._CBC.decrypt(encrypted, using: SymmetricKey(data: secret.prefix(16)),
                                         iv: AES._CBC.IV(ivBytes: Array(secret[16..<32])))
        } catch {
            throw fail("CONTENU", "le contenu ne se déchiffre pas avec la clé de l'enveloppe (export abîmé)")
        }
        guard let expected = root.child(named: "VERIFICATION").flatMap({ Self.base64($0.text) }),
              Data(SHA256.hash(data: plain)) == expected else {
            throw fail("VERIFICATION", "l'empreinte SHA-256 du contenu ne correspond pas (export abîmé ou modifié)")
        }
        // `CompresseAvantChiffrement` is absent from the 2013 files: compression is then the default.
        let compressed = content.attribute("CompresseAvantChiffrement").map { $0.lowercased() != "false" && $0 != "0" } ?? true
        let inner = try compressed ? TimetableZlib.inflate(plain, fileName: fileName, limit: limits.maxFileBytes) : plain
        let innerRoot = try TimetableXMLNode.parse(TimetableReader.withoutBOM(inner), fileName: fileName, limits: limits)
        guard innerRoot.name == "ExportEmploiDuTemps" else {
            throw fail(innerRoot.name, "l'enveloppe ne contient pas un export ExportEmploiDuTemps")
        }
        var reader = TimetableEDTReader(fileName: fileName, limits: limits)
        reader.product = root.child(named: "LOGICIEL")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        reader.wasEncrypted = true
        return try reader.read(innerRoot)
    }

    /// 48 bytes: AES-128 key, IV, and MD5 of both, which tells a wrong private key from a right one
    /// (OpenSSL's implicit rejection returns random bytes instead of an error).
    private func unwrap(_ wrapped: Data?, privateKey: String) throws(TimetableFileError) -> Data {
        guard let wrapped, !wrapped.isEmpty else { throw fail("PARTENAIRE", "clé chiffrée du partenaire illisible (base64 attendu)") }
        let secret: Data
        do throws(TimetableRSA.Failure) { secret = try TimetableRSA.decryptPKCS1(wrapped, privateKeyPEM: privateKey) } catch {
            throw fail("PARTENAIRE", "la clé privée configurée n'ouvre pas l'enveloppe (\(error.reason))")
        }
        guard secret.count == 48, Data(Insecure.MD5.hash(data: secret.prefix(32))) == secret.suffix(16) else {
            throw fail("PARTENAIRE", "la clé privée configurée n'est pas celle du partenaire\u{00A0}: la clé AES obtenue est fausse")
        }
        return Data(secret)
    }

    /// The real files wrap base64 at 76 characters with CRLF.
    static func base64(_ text: String) -> Data? {
        Data(base64Encoded: text.filter { !$0.isWhitespace })
    }
}
