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
        establishment.on(.POST, ":table", body: .collect(maxSize: "20mb"), use: create)
        establishment.get(":table", ":id", use: read)
        establishment.delete(":table", ":id", use: delete)
        establishment.get(":table", ":id", "content", use: content)
        establishment.get(":table", ":id", ":child", use: list)
        establishment.on(.POST, ":table", ":id", ":child", body: .collect(maxSize: "20mb"), use: create)
        let me = api.grouped("me")
        me.get(":table", use: list)
        me.on(.POST, ":table", body: .collect(maxSize: "20mb"), use: create)
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
        if let fileColumn = table.fileColumn {
            guard let body = req.body.data, body.readableBytes > 0 else {
                throw ServiceError.invalid(field: fileColumn.name, reason: "envoyez le fichier en corps de requête")
            }
            let fields = try queryFields(req, table: table)
            let files = FileStore(dataDirectory: req.application.configuration.dataDirectory)
            let mediaType = req.headers.contentType.map { "\($0.type)/\($0.subType)" } ?? "application/octet-stream"
            record = try await store.create(table, in: place, fields: fields, upload: Data(body.readableBytesView),
                                            mediaType: mediaType, files: files)
        } else {
            record = try await store.create(table, in: place, fields: try req.content.decode(ServiceRecord.self))
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

    func content(req: Request) async throws -> Response {
        let (store, table, place) = try await resolve(req, forList: false)
        let record = try await store.read(table, id: try req.parameters.require("id", as: Int.self), in: place)
        let file = try await store.file(of: table, record: record)
        let data = try FileStore(dataDirectory: req.application.configuration.dataDirectory).read(sha256: file.sha256)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        if case .text(let name) = record["name"] ?? .null {
            let safe = name.filter { $0.isLetter || $0.isNumber || "._- ".contains($0) }
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safe.isEmpty ? "fichier" : safe)\"")
        }
        return response
    }
}

extension ServiceCell: Content {}
extension ServiceStore.Page: Content {}
