import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: WebRoutes())
    try app.register(collection: DirectoryAPI())
}
