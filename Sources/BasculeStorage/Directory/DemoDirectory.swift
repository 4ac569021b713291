import BasculeDomain
import FluentKit

/// What the demo and the login bench read of their generated académie: whether it is there yet,
/// one account per profile of its first establishment, and the password they share.
public struct DemoDirectory: Sendable {
    let db: any Database

    public init(db: any Database) {
        self.db = db
    }

    /// Whether nothing has been generated yet (no school year).
    public func isEmpty() async throws -> Bool {
        try await SchoolYear.query(on: db).count() == 0
    }

    public func firstEstablishmentUAI() async throws -> String? {
        try await Establishment.query(on: db).sort(\.$id).first()?.uai.code
    }

    /// One account per profile, in the first establishment, and the operator; each with its label.
    public func accounts() async throws -> [(role: String, account: Account)] {
        guard let operatorAccount = try await Account.query(on: db).filter(\.$isOperator == true).first(),
              let establishmentID = try await Establishment.query(on: db).sort(\.$id).first()?.id
        else { throw DirectoryError.notFound("la base de démonstration est incomplète ; supprimez-la") }
        func first(_ kind: ProfileKind) async throws -> Account {
            guard let profile = try await Profile.query(on: db)
                .filter(\.$establishment.$id == establishmentID).filter(\.$kind == kind)
                .sort(\.$id).with(\.$account).first()
            else { throw DirectoryError.notFound("aucun profil \(kind.rawValue) dans la démo") }
            return profile.account
        }
        let student = try await first(.student)
        guard let parent = try await ParentLink.query(on: db).filter(\.$student.$id == student.requireID())
            .sort(\.$id).with(\.$parent).first()?.parent
        else { throw DirectoryError.notFound("l'élève de démonstration n'a pas de parent") }
        return [
            (ProfileKind.entAdmin.label, try await first(.entAdmin)),
            (ProfileKind.head.label, try await first(.head)),
            (ProfileKind.teacher.label, try await first(.teacher)),
            (ProfileKind.student.label, student),
            (ProfileKind.parent.label, parent),
            ("Opérateur", operatorAccount),
        ]
    }

    /// Gives the account the demo's password (its bcrypt hash, computed off the database's threads).
    public func setPassword(hash: String, of account: Account) async throws {
        account.passwordHash = hash
        try await account.save(on: db)
    }
}
