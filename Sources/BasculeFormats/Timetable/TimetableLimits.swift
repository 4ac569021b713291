/// Caps on what one timetable file may hold. A real export is far below each of them; they exist
/// so that a hostile or broken file is refused before it fills memory or the database.
public struct TimetableLimits: Sendable, Equatable {
    public var maxFileBytes: Int
    /// Items of one kind (subjects, teachers, students…).
    public var maxEntries: Int
    public var maxCourses: Int
    public var maxStringLength: Int
    public var maxZipEntries: Int
    public var maxZipUncompressedBytes: Int
    /// Uncompressed size over compressed size, per entry: a ZIP bomb compresses far better than XML.
    public var maxZipRatio: Int

    public init(maxFileBytes: Int = 64 << 20, maxEntries: Int = 50_000, maxCourses: Int = 50_000,
                maxStringLength: Int = 1_000, maxZipEntries: Int = 200, maxZipUncompressedBytes: Int = 256 << 20,
                maxZipRatio: Int = 200) {
        self.maxFileBytes = maxFileBytes
        self.maxEntries = maxEntries
        self.maxCourses = maxCourses
        self.maxStringLength = maxStringLength
        self.maxZipEntries = maxZipEntries
        self.maxZipUncompressedBytes = maxZipUncompressedBytes
        self.maxZipRatio = maxZipRatio
    }

    public static let standard = TimetableLimits()
}
