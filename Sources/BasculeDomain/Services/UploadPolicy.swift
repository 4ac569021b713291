/// What a table accepts as a stored file, decided by Bascule from the bytes, never from the type
/// the client sent: a student photo must be a JPEG, PNG or WebP image (checked by its
/// signature); a document may be anything, and is always served as a download, sandboxed.
public enum UploadPolicy: Sendable, Equatable {
    case images
    case documents

    /// The photos Bascule shows: the formats every browser decodes and no browser runs.
    public static let imageTypes: Set<String> = ["image/jpeg", "image/png", "image/webp"]

    /// The media type to store for a file that starts with `head`, or nil when the table
    /// refuses it.
    public func mediaType(of head: [UInt8]) -> String? {
        let sniffed = FileSignature.mediaType(of: head)
        switch self {
        case .images: return sniffed.flatMap { Self.imageTypes.contains($0) ? $0 : nil }
        case .documents: return sniffed ?? "application/octet-stream"
        }
    }

    /// What the refusal says, in French.
    public var refusal: String {
        switch self {
        case .images: "une photo doit être une image JPEG, PNG ou WebP"
        case .documents: "fichier refusé"
        }
    }
}

extension ServiceTable {
    /// How the table's file is checked and served (nil: the table stores no file).
    public var uploadPolicy: UploadPolicy? {
        guard fileColumn != nil else { return nil }
        return service == .studentRecords ? .images : .documents
    }
}

/// The types Bascule recognises from a file's first bytes (its "magic number").
public enum FileSignature {
    /// How many first bytes `mediaType(of:)` needs.
    public static let headLength = 12

    public static func mediaType(of head: [UInt8]) -> String? {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        let ascii = { (text: String) in Array(text.utf8) }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(ascii("RIFF")), starts(ascii("WEBP"), at: 8) { return "image/webp" }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return "image/gif" }
        if starts(ascii("%PDF-")) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "application/zip" }
        return nil
    }
}
