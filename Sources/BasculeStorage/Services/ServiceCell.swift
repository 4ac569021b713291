import BasculeDomain
import SQLKit

/// One value of a service row in JSON: the three kinds of the schema, or null.
public enum ServiceCell: Codable, Sendable, Equatable {
    case null, int(Int), text(String), bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(String.self) { self = .text(value) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "valeur ni texte, ni entier, ni booléen") }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .int(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }

    var bind: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .int(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        case .bool(let value): SQLBind(value)
        }
    }

    public var int: Int? { if case .int(let value) = self { value } else { nil } }
    public var string: String? { if case .text(let value) = self { value } else { nil } }
}

/// A service row as JSON: its columns by name (the schema's snake_case names).
public typealias ServiceRecord = [String: ServiceCell]

extension ServiceTable {
    /// Reads a row of this table from a result, column by column.
    func record(from row: any SQLRow) throws -> ServiceRecord {
        var record = ServiceRecord()
        for column in columns {
            if try row.decodeNil(column: column.name) { record[column.name] = .null; continue }
            switch column.kind {
            case .int: record[column.name] = .int(try row.decode(column: column.name, as: Int.self))
            case .text: record[column.name] = .text(try row.decode(column: column.name, as: String.self))
            case .bool: record[column.name] = .bool(try row.decode(column: column.name, as: Bool.self))
            }
        }
        return record
    }

    /// Checks a value given for a column: its kind, its choices, the shape of dates.
    public func validate(_ value: ServiceCell, for column: ColumnSpec) throws(ServiceError) {
        switch (value, column.kind) {
        case (.null, _):
            if column.isRequired { throw .invalid(field: column.name, reason: "obligatoire") }
        case (.int, .int), (.bool, .bool): break
        case (.text(let text), .text):
            do { try TextLimits.check(text, field: column.name) } catch { throw .invalid(field: error.field, reason: error.reason) }
            if let choices = column.choices, !choices.contains(text) {
                throw .invalid(field: column.name, reason: "valeur « \(text) » inconnue ; valeurs : \(choices.joined(separator: ", "))")
            }
            if column.name.hasSuffix("_on"), (try? CalendarDate(iso: text)) == nil {
                throw .invalid(field: column.name, reason: "date AAAA-MM-JJ attendue")
            }
            if column.name.hasSuffix("_at"), text.count != 19 || (try? CalendarDate(iso: String(text.prefix(10)))) == nil {
                throw .invalid(field: column.name, reason: "date et heure AAAA-MM-JJTHH:MM:SS attendues")
            }
        case (_, .int): throw .invalid(field: column.name, reason: "entier attendu")
        case (_, .text): throw .invalid(field: column.name, reason: "texte attendu")
        case (_, .bool): throw .invalid(field: column.name, reason: "booléen attendu")
        }
    }
}
