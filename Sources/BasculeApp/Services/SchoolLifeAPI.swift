import BasculeDomain
import BasculeStorage
import Vapor

/// `/api/v1/establishments/{uai}/school-life/statistics[?year=…]`: the school-life statistics of
/// a year (`SchoolLifeStatisticsStore`).
struct SchoolLifeAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "establishments", ":uai", "school-life", "statistics", use: statistics)
    }

    func statistics(req: Request) async throws -> SchoolLifeStatistics {
        let store = SchoolLifeStatisticsStore(viewer: try req.viewer(), db: req.db)
        let establishmentID = try await Establishment.find(uai: req.parameters.get("uai"), on: req.db).requireID()
        return try await store.statistics(establishmentID: establishmentID, year: req.query[String.self, at: "year"])
    }
}

extension SchoolLifeStatistics: Content {}
