import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/establishments/{uai}/{table}[/{id}[/{child table}[/{id}]]]` and `/api/v1/me/{table}[/{id}]`:
/// every service table of `ServiceSchema`, listed (pages of `limit` rows `after` an id; year-bound
/// tables for the current year unless `year=2024-2025`), read, created and deleted under its
/// access rules. Rows are JSON objects keyed by column name. A table that stores a file takes
/// the file as the request body and its other fields as query parameters; `…/{id}/content`
/// downloads it.
struct ServiceAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let establishment = api.grouped("establishments", ":uai")
        establishment.get(":table", use: list)
        // Streamed: who is asking and whether they may write is checked before the body is read.
        establishment.on(.POST, ":table", body: .stream, use: create)
        establishment.get(":table", ":id", use: read)
        establishment.delete(":table", ":id", use: delete)
        establishment.get(":table", ":id", "content", use: content)
        establishment.get(":table", ":id", ":child", use: list)
        establishment.on(.POST, ":table", ":id", ":child", body: .stream, use: create)
        let me = api.grouped("me")
        me.get(":table", use: list)
        me.on(.POST, ":table", body: .stream, use: create)
        me.get(":table", ":id", use: read)
        me.delete(":table", ":id", use: delete)
        me.get(":table", ":id", "content", use: content)
    }

    func list(req: Request) async throws -> ServiceStore.Page {
        let (store, table, place) = try await resolve(req, forList: true)
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 1000)
        return try await store.list(table, in: place, after: req.query[Int.self, at: "after"], limit: limit)
    }

    func read(req: Request) async throws -> ServiceRecord {
        let (store, table, place) = try await resolve(req, forList: false)
        return try await store.read(table, id: try req.parameters.require("id", as: Int.self), in: place)
    }

    func create(req: Request) async throws -> Response {
        let (store, table, place) = try await resolve(req, forList: true)
        if case .parent(let parent, let parentID, let establishmentID) = place {
            try await store.checkYearOpen(try await store.read(parent, id: parentID, in: placeOfRow(parent, req, store)),
                                          in: establishmentID)
        }
        let record: ServiceRecord
        if table.fileColumn != nil {
            // Before the body is read: nobody uploads what they may not write. (`create` checks
            // again, inside the row's transaction.)
            try await store.checkWritable(table, in: place)
            let fields = try queryFields(req, table: table)
            let files = FileStore(dataDirectory: req.application.configuration.dataDirectory)
            let upload = try await files.receive(req.body, maxBytes: Self.maxUploadBytes)
            record = try await store.create(table, in: place, fields: fields, upload: upload, files: files)
        } else {
            record = try await store.create(table, in: place, fields: try await Self.jsonFields(req))
        }
        let response = Response(status: .created)
        try response.content.encode(record)
        return response
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let (store, table, place) = try await resolve(req, forList: false)
        try await store.delete(table, id: try req.parameters.require("id", as: Int.self), in: place,
                               files: FileStore(dataDirectory: req.application.configuration.dataDirectory))
        return .noContent
    }

    /// A stored file, never as active content: sandboxed, not sniffed, and downloaded — but a
    /// photo whose bytes were checked to be an image, which is shown.
    func content(req: Request) async throws -> Response {
        let (store, table, place) = try await resolve(req, forList: false)
        let record = try await store.read(table, id: try req.parameters.require("id", as: Int.self), in: place)
        let file = try await store.file(of: table, record: record)
        let data = try FileStore(dataDirectory: req.application.configuration.dataDirectory).read(sha256: file.sha256)
        let name = if case .text(let name) = record["name"] ?? .null { name } else { "fichier" }
        let isImage = table.uploadPolicy == .images && UploadPolicy.imageTypes.contains(file.mediaType)
        return Self.download(data, name: name, asImage: isImage, mediaType: file.mediaType)
    }

    /// A stored file's response: sandboxed, never sniffed; shown only if it is a checked image.
    static func download(_ data: Data, name: String, asImage: Bool, mediaType: String = "application/octet-stream") -> Response {
        sandboxed(Response(status: .ok, body: .init(data: data)), name: name, asImage: asImage, mediaType: mediaType)
    }

    /// The headers of every stored file's response (read in memory or streamed from disk).
    static func sandboxed(_ response: Response, name: String, asImage: Bool, mediaType: String = "application/octet-stream") -> Response {
        response.headers.replaceOrAdd(name: .contentType, value: asImage ? mediaType : "application/octet-stream")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        response.headers.replaceOrAdd(name: .contentDisposition, value: disposition(asImage ? "inline" : "attachment", name: name))
        return response
    }

    static let maxUploadBytes = 20 * 1_048_576

    /// `attachment; filename="..."; filename*=UTF-8''…`: an ASCII fallback without anything
    /// that could end the header's value, and the real name percent-encoded.
    static func disposition(_ kind: String, name: String) -> String {
        // « Sortie de fin d'année » → « Sortie de fin dannee », not « danne ».
        let latin = name.folding(options: [.diacriticInsensitive], locale: nil)
        let ascii = String(latin.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._- ".unicodeScalars.contains($0)) })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "\(kind); filename=\"\(ascii.isEmpty ? "fichier" : ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// The JSON object of a row, read from the (streamed) body up to 1 Mio.
    static func jsonFields(_ req: Request) async throws -> ServiceRecord {
        let body = try await req.body.collect(max: 1_048_576).get() ?? ByteBuffer()
        do {
            return try JSONDecoder().decode(ServiceRecord.self, from: body)
        } catch {
            throw ServiceError.invalid(field: "corps", reason: "un objet JSON { \"colonne\": valeur } est attendu")
        }
    }
}

extension ServiceCell: Content {}
extension ServiceStore.Page: Content {}
