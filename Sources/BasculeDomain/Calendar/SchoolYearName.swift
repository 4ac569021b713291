/// The name of a school year, "2025-2026": the year of the rentrée and the next one.
public struct SchoolYearName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year of the rentrée (September).
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    public init(_ text: String) throws(SchoolYearNameError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 4,
              let first = Int(parts[0]), let second = Int(parts[1])
        else { throw .malformed(text) }
        guard second == first + 1 else { throw .notConsecutive(text) }
        self.startYear = first
    }

    public var description: String { "\(startYear)-\(startYear + 1)" }

    public var next: SchoolYearName { SchoolYearName(startYear: startYear + 1) }
    public var previous: SchoolYearName { SchoolYearName(startYear: startYear - 1) }

    /// The administrative span of the year: 1 September to 31 August.
    /// The teaching span is shorter (the timetable usually stops early July).
    public var defaultStart: CalendarDate { try! CalendarDate(year: startYear, month: 9, day: 1) }
    public var defaultEnd: CalendarDate { try! CalendarDate(year: startYear + 1, month: 8, day: 31) }

    public static func < (lhs: SchoolYearName, rhs: SchoolYearName) -> Bool {
        lhs.startYear < rhs.startYear
    }
}

extension SchoolYearName: TextCodable {
    public init(text: String) throws { try self.init(text) }
    public var text: String { description }
}

public enum SchoolYearNameError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case notConsecutive(String)

    public var description: String {
        switch self {
        case .malformed(let text): "année scolaire illisible « \(text) » (attendu : 2025-2026)"
        case .notConsecutive(let text): "année scolaire « \(text) » : les deux années doivent se suivre"
        }
    }
}

/// Where a school year is in its life. A year is prepared (the next year's directory can be
/// imported while the current one runs), becomes current at the change, then is archived.
public enum SchoolYearState: String, Sendable, Codable, CaseIterable {
    case preparing
    case current
    case archived

    /// The only moves the year change may make.
    public func canMove(to next: SchoolYearState) -> Bool {
        switch (self, next) {
        case (.preparing, .current), (.current, .archived): true
        default: false
        }
    }
}
