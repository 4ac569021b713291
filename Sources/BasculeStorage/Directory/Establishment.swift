import BasculeDomain
import FluentKit

public final class Establishment: Model, @unchecked Sendable {
    public static let schema = "establishments"

    @ID(custom: .id, generatedBy: .database) public var id: Int?
    @Field(key: "uai") public var uai: UAI
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: EstablishmentKind
    @Field(key: "academy") public var academy: String
    /// The establishment's key in the AAF feed (`ENTStructureJointure`).
    @OptionalField(key: "aaf_jointure") public var aafJointure: String?

    public init() {}

    public init(uai: UAI, name: String, kind: EstablishmentKind, academy: String, aafJointure: String? = nil) {
        self.uai = uai
        self.name = name
        self.kind = kind
        self.academy = academy
        self.aafJointure = aafJointure
    }
}
