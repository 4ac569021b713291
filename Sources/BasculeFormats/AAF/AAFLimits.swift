/// What one record of an AAF file may hold. Real exports stay far below (values of a few
/// dozen bytes, a pupil in a handful of groups, records of a few kilobytes); a file past a
/// limit is refused with the attribute and the line, so that neither memory nor the report
/// ("aucun changement" for a pupil in 100 000 groups) can be flooded by one record.
public enum AAFLimits {
    /// `<value>` elements of one attribute in one record (empty ones count).
    public static let valuesPerAttribute = 1_000
    /// Bytes of one value or id, as written (before trimming).
    public static let bytesPerValue = 4_096
    /// Bytes of one record's values, ids and attribute names together.
    public static let bytesPerRecord = 1 << 20
}
