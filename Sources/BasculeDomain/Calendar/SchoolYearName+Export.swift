extension SchoolYearName {
    /// The school year an AAF export of this date feeds: from July, the académie delivers next
    /// year's directory (the summer's bulk exports, before the rentrée); from September to June,
    /// the year under way. The drop folder and the upload, which have no `--year`, follow it.
    public init(exportedOn date: CalendarDate) {
        self.init(startYear: date.month >= 7 ? date.year : date.year - 1)
    }
}
