import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: WebRoutes())
    try app.register(collection: DirectoryAPI())
    try app.register(collection: TimetableAPI())
    try app.register(collection: LogbookAPI())
    try app.register(collection: ServiceAPI())
    try app.register(collection: MailAPI())
    try app.register(collection: SchoolLifeAPI())
    try app.register(collection: DirectoryAdminAPI())
    try app.register(collection: CalendarAPI())
    try app.register(collection: YearChangeAPI())
    try app.register(collection: ResourceProposalsAPI())
    try app.register(collection: YearChangeWebRoutes())
    try app.register(collection: AccessBlockPage())
    try app.register(collection: ImportHistoryPage())
    try app.register(collection: ArchivePages())
    try app.register(collection: OperatorConsole())
    try app.register(collection: LoginLocks())
    try app.register(collection: ImportConsole())
    try app.register(collection: PasswordRoutes())
}
