import FluentKit

extension YearChangeLaunches {
    public init(db: any Database) {
        self.init(sql: db.sql)
    }
}
